using System.Collections.Immutable;
using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Lowering;
using HyperDsl.Compiler.Semantics;

namespace HyperDsl.Compiler.Evaluation;

/// <summary>
/// The <c>train</c> section's <c>device</c> setting as what it places trials on: a keyword
/// (<c>auto</c>, <c>cpu</c>, <c>cuda</c>) or the CUDA devices named by <c>cuda: N</c>, in order.
/// Read once here from the lowered experiment, so the checker and both emitters agree on what a
/// device list means.
/// </summary>
/// <param name="Setting">The setting, or null when the spec has none.</param>
/// <param name="Keyword">The keyword, if one was written.</param>
/// <param name="Indices">Each <c>cuda: N</c> argument's value, with its index when it is a constant int.</param>
internal sealed record DeviceSetting(LoweredSetting? Setting, LoweredKeyword? Keyword, ImmutableArray<(LoweredExpression Value, long? Index)> Indices)
{
    /// <summary>The catalogue parameter that takes a device keyword.</summary>
    public const string KeywordParameter = "device";

    /// <summary>The catalogue parameter whose named arguments list CUDA devices by index.</summary>
    public const string CudaParameter = "cuda";

    /// <summary>
    /// The CUDA devices trials are placed on, in order: the listed indices, or device 0 for the
    /// bare keyword <c>cuda</c>; empty for <c>auto</c>, <c>cpu</c> or no setting.
    /// </summary>
    public ImmutableArray<long> CudaDevices => Keyword is { Keyword: "cuda" }
        ? [0]
        : [.. Indices.Select(i => i.Index).OfType<long>()];

    /// <summary>Reads the setting of <paramref name="experiment"/>; <paramref name="model"/> folds the indices.</summary>
    public static DeviceSetting Read(LoweredExperiment experiment, SemanticModel model)
    {
        // A block written under the name is no device setting (the binder reports it).
        if (experiment.Train.Find("device") is not { Body: null } setting)
        {
            return new DeviceSetting(null, null, []);
        }

        // 'cuda' is variadic: its arguments arrive as one list, in the order written.
        ImmutableArray<LoweredExpression> values = setting.Argument(CudaParameter) is LoweredList list ? list.Items : [];
        return new DeviceSetting(
            setting,
            setting.Argument(KeywordParameter) as LoweredKeyword,
            [.. values.Select(v => (v, ConstantFolder.TryFold(v, model) is IntValue index ? index.Value : (long?)null))]);
    }
}
