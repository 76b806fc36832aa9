using static TorchSharp.torch;

namespace HyperDsl.Runtime.Training.Checkpoints;

/// <summary>One named tensor of a checkpoint, as bytes on the CPU (no native memory is held).</summary>
internal sealed record StoredTensor(string Name, ScalarType Type, long[] Shape, byte[] Bytes)
{
    public static StoredTensor From(string name, Tensor tensor)
    {
        using var cpu = tensor.detach().cpu().contiguous();
        return new StoredTensor(name, cpu.dtype, cpu.shape, cpu.bytes.ToArray());
    }

    /// <summary>A new CPU tensor with these bytes.</summary>
    public Tensor ToTensor()
    {
        var tensor = empty(Shape, Type);
        tensor.bytes = Bytes;
        return tensor;
    }

    /// <summary>The state of a module (parameters and buffers), by name.</summary>
    public static List<StoredTensor> OfState(IEnumerable<KeyValuePair<string, Tensor>> state) =>
        [.. state.Select(p => From(p.Key, p.Value))];

    /// <summary>Copies <paramref name="stored"/> into <paramref name="state"/>'s tensors after checking that names, types and shapes agree; checks everything before changing anything.</summary>
    public static void CopyInto(IReadOnlyList<StoredTensor> stored, IDictionary<string, Tensor> state, string what)
    {
        var byName = Check(stored, state, what);
        using var noGrad = no_grad();
        foreach (var (name, target) in state)
        {
            using var source = byName[name].ToTensor();
            target.copy_(source);
        }
    }

    /// <summary>Checks that <paramref name="stored"/> has <paramref name="state"/>'s names, types and shapes; changes nothing.</summary>
    public static Dictionary<string, StoredTensor> Check(IReadOnlyList<StoredTensor> stored, IDictionary<string, Tensor> state, string what)
    {
        var byName = stored.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var missing = state.Keys.Where(k => !byName.ContainsKey(k)).ToList();
        var extra = byName.Keys.Where(k => !state.ContainsKey(k)).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            throw new CheckpointException($"its {what} has other tensors than this model ({(missing.Count > 0 ? $"missing {string.Join(", ", missing.Take(3))}" : "")}{(missing.Count > 0 && extra.Count > 0 ? "; " : "")}{(extra.Count > 0 ? $"unknown {string.Join(", ", extra.Take(3))}" : "")})");
        }

        foreach (var (name, target) in state)
        {
            var source = byName[name];
            if (source.Type != target.dtype || !source.Shape.SequenceEqual(target.shape))
            {
                throw new CheckpointException($"its {what} tensor '{name}' is {source.Type} [{string.Join(", ", source.Shape)}], but this model's is {target.dtype} [{string.Join(", ", target.shape)}]");
            }
        }

        return byName;
    }
}
