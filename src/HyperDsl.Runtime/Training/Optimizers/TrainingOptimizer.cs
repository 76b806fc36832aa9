using System.Globalization;
using HyperDsl.Runtime.Training.Checkpoints;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Training.Optimizers;

/// <summary>
/// An optimizer over parameter groups whose learning rates the trainer sets before each step.
/// HyperDsl's own rather than TorchSharp's (issue 20): TorchSharp 0.107's optimizers pass numbers
/// to LibTorch as implicitly made <see cref="Scalar"/>s, which become unreachable once their
/// handle is read, so a garbage collection during the native call could free them under LibTorch.
/// Every Scalar here is held (a field, or a <c>using</c> local) until the call that reads it has
/// returned. The update rules are TorchSharp's (and PyTorch's), operation for operation, so the
/// numbers are the same to the last bit.
/// </summary>
internal abstract class TrainingOptimizer : IDisposable
{
    private readonly List<Scalar> _held = [];
    private readonly List<Parameter> _parameters;
    private readonly List<int> _groupOfParameter;
    private readonly Dictionary<string, Tensor>[] _slots;
    private readonly long[] _steps;

    protected TrainingOptimizer(IReadOnlyList<ParameterGroup> groups, double learningRate)
    {
        Groups = [.. groups.Select(g => new OptimizerGroup(g.Parameters, learningRate * g.Scale))];
        _parameters = [.. groups.SelectMany(g => g.Parameters)];
        _groupOfParameter = [.. groups.SelectMany((g, i) => g.Parameters.Select(_ => i))];
        _slots = [.. _parameters.Select(_ => new Dictionary<string, Tensor>(StringComparer.Ordinal))];
        _steps = new long[_parameters.Count];
        One = Hold(1.0);
    }

    /// <summary>The parameter groups, in the order given; the trainer writes each one's rate before every step.</summary>
    public IReadOnlyList<OptimizerGroup> Groups { get; }

    /// <summary>What names the optimizer's state in a checkpoint (a checkpoint of another optimizer does not fit).</summary>
    protected abstract string Kind { get; }

    /// <summary>Whether the optimizer counts steps per parameter (Adam's and RMSprop's bias corrections and checkpoints).</summary>
    protected abstract bool CountsSteps { get; }

    /// <summary>The slots each parameter's state may hold, and whether each one is always there (SGD's momentum appears at its first step).</summary>
    protected abstract IReadOnlyList<(string Name, bool Always)> SlotNames { get; }

    /// <summary>1, held: TorchSharp's overloads without a factor (add_(t), addcdiv_(a, b)) make one implicitly.</summary>
    protected Scalar One { get; }

    /// <summary>
    /// Lets every gradient go (none, as PyTorch 2's <c>zero_grad</c> does by default; TorchSharp 0.107's and PyTorch
    /// 1.13's zero them): the next backward pass then hands its gradients over instead of adding them into zeroed
    /// ones, which saves a pass to zero and a pass to add over every gradient (the profile bench's ZeroGrad phase,
    /// bench/README.md). The numbers are the same, as 0 + g is g, wherever every parameter gets a gradient in every
    /// step; a parameter that gets none in a step (its layer unused) is left as it is, not moved by momentum alone.
    /// </summary>
    public void ZeroGrad()
    {
        foreach (var parameter in _parameters)
        {
            parameter.grad = null;
        }
    }

    /// <summary>One update of every parameter that has a gradient, each at its group's current rate.</summary>
    public void Step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        for (var i = 0; i < _parameters.Count; i++)
        {
            var parameter = _parameters[i];
            var grad = parameter.grad;
            if (grad is null)
            {
                continue;
            }

            if (CountsSteps)
            {
                _steps[i]++;
            }

            Update(parameter, grad, _slots[i], _steps[i], Groups[_groupOfParameter[i]].LearningRate);
        }
    }

    /// <summary>Updates one parameter in place; <paramref name="slots"/> is its state, <paramref name="step"/> its step count (from 1).</summary>
    protected abstract void Update(Parameter parameter, Tensor grad, Dictionary<string, Tensor> slots, long step, double learningRate);

    /// <summary>A Scalar held for the optimizer's life (its settings).</summary>
    protected Scalar Hold(double value)
    {
        var scalar = value.ToScalar();
        _held.Add(scalar);
        return scalar;
    }

    /// <summary>A zero tensor shaped like <paramref name="parameter"/>, kept outside the step's dispose scope.</summary>
    protected static Tensor Zeros(Parameter parameter) => zeros_like(parameter).DetachFromDisposeScope();

    /// <summary>Creates slots that are always there (at construction, as TorchSharp does).</summary>
    protected void CreateSlots(Func<Parameter, string, Tensor> create)
    {
        for (var i = 0; i < _parameters.Count; i++)
        {
            foreach (var (name, always) in SlotNames)
            {
                if (always)
                {
                    _slots[i][name] = create(_parameters[i], name);
                }
            }
        }
    }

    /// <summary>The state as named CPU tensors: "kind/parameter/slot" per slot, and "kind/parameter/step" where steps are counted.</summary>
    public List<StoredTensor> SaveState()
    {
        var stored = new List<StoredTensor>();
        for (var i = 0; i < _parameters.Count; i++)
        {
            if (CountsSteps)
            {
                stored.Add(new StoredTensor(Name(i, "step"), ScalarType.Int64, [], BitConverter.GetBytes(_steps[i])));
            }

            foreach (var (name, tensor) in _slots[i].OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                stored.Add(StoredTensor.From(Name(i, name), tensor));
            }
        }

        return stored;
    }

    /// <summary>Checks that <paramref name="stored"/> is a state of this optimizer over these parameters; changes nothing.</summary>
    /// <exception cref="CheckpointException">It is not; the message says what differs.</exception>
    public void CheckState(IReadOnlyList<StoredTensor> stored)
    {
        if (stored.FirstOrDefault(t => !t.Name.StartsWith(Kind + "/", StringComparison.Ordinal)) is { } foreign)
        {
            throw new CheckpointException($"its optimizer state is another optimizer's ({foreign.Name.Split('/')[0]}), not {Kind}'s");
        }

        var byName = new Dictionary<string, StoredTensor>(StringComparer.Ordinal);
        foreach (var tensor in stored)
        {
            if (!byName.TryAdd(tensor.Name, tensor))
            {
                throw new CheckpointException($"its optimizer state holds '{tensor.Name}' twice");
            }
        }

        var known = 0;
        for (var i = 0; i < _parameters.Count; i++)
        {
            if (CountsSteps)
            {
                known += Expect(byName, Name(i, "step"), ScalarType.Int64, [], required: true);
            }

            foreach (var (name, always) in SlotNames)
            {
                known += Expect(byName, Name(i, name), _parameters[i].dtype, _parameters[i].shape, always);
            }
        }

        if (known != byName.Count)
        {
            var unknown = byName.Keys.Where(k => !IsKnown(k)).Take(3);
            throw new CheckpointException($"its optimizer state is not this {Kind} optimizer's (unknown {string.Join(", ", unknown)})");
        }
    }

    /// <summary>Replaces the state with <paramref name="stored"/> after <see cref="CheckState"/>.</summary>
    public void LoadState(IReadOnlyList<StoredTensor> stored)
    {
        CheckState(stored);
        var byName = stored.ToDictionary(t => t.Name, StringComparer.Ordinal);
        for (var i = 0; i < _parameters.Count; i++)
        {
            if (CountsSteps)
            {
                _steps[i] = BitConverter.ToInt64(byName[Name(i, "step")].Bytes);
            }

            foreach (var (name, _) in SlotNames)
            {
                _slots[i].Remove(name, out var old);
                old?.Dispose();
                if (byName.TryGetValue(Name(i, name), out var tensor))
                {
                    using var cpu = tensor.ToTensor();
                    _slots[i][name] = cpu.to(_parameters[i].device, copy: true).DetachFromDisposeScope();
                }
            }
        }
    }

    private string Name(int parameter, string slot) => string.Create(CultureInfo.InvariantCulture, $"{Kind}/{parameter}/{slot}");

    private bool IsKnown(string name)
    {
        var parts = name.Split('/');
        return parts.Length == 3 && parts[0] == Kind && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < _parameters.Count
            && ((CountsSteps && parts[2] == "step") || SlotNames.Any(s => s.Name == parts[2]));
    }

    private static int Expect(Dictionary<string, StoredTensor> byName, string name, ScalarType type, long[] shape, bool required)
    {
        if (!byName.TryGetValue(name, out var tensor))
        {
            return required ? throw new CheckpointException($"its optimizer state has no '{name}'") : 0;
        }

        if (tensor.Type != type || !tensor.Shape.SequenceEqual(shape))
        {
            throw new CheckpointException($"its optimizer tensor '{name}' is {tensor.Type} [{string.Join(", ", tensor.Shape)}], but this optimizer's is {type} [{string.Join(", ", shape)}]");
        }

        return 1;
    }

    public void Dispose()
    {
        foreach (var slots in _slots)
        {
            foreach (var tensor in slots.Values)
            {
                tensor.Dispose();
            }

            slots.Clear();
        }

        foreach (var scalar in _held)
        {
            scalar.Dispose();
        }

        _held.Clear();
    }
}
