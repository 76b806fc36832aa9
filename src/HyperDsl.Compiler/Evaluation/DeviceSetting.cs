using System.Collections.Immutable;
using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Lowering;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Evaluation;

/// <summary>
/// The <c>train</c> section's <c>device</c> setting as what it places trials on: a keyword
/// (<c>auto</c>, <c>cpu</c>, <c>cuda</c>) or the CUDA devices named by <c>cuda: N</c>, in order.
/// Read once here, so the checker and both emitters agree on what a device list means.
/// </summary>
/// <param name="Setting">The setting, or null when the spec has none.</param>
/// <param name="Keyword">The keyword, if one was written.</param>
/// <param name="Indices">Each <c>cuda: N</c> argument's value, with its index when it is a constant int.</param>
internal sealed record DeviceSetting(ValueSettingSyntax? Setting, NameSyntax? Keyword, ImmutableArray<(ExpressionSyntax Value, long? Index)> Indices)
{
    /// <summary>The catalogue parameter that takes a device keyword.</summary>
    public const string KeywordParameter = "device";

    /// <summary>The catalogue parameter whose named arguments list CUDA devices by index.</summary>
    public const string CudaParameter = "cuda";

    /// <summary>
    /// The CUDA devices trials are placed on, in order: the listed indices, or device 0 for the
    /// bare keyword <c>cuda</c>; empty for <c>auto</c>, <c>cpu</c> or no setting.
    /// </summary>
    public ImmutableArray<long> CudaDevices => Keyword is { Name: "cuda" }
        ? [0]
        : [.. Indices.Select(i => i.Index).OfType<long>()];

    /// <summary>Reads the setting of <paramref name="experiment"/>.</summary>
    public static DeviceSetting Read(EffectiveExperiment experiment, SemanticModel model)
    {
        if (experiment.Setting(SectionKind.Train, "device") is not ValueSettingSyntax setting
            || !BuiltinCatalog.Settings.TryGetValue((SectionKind.Train, "device"), out var spec))
        {
            return new DeviceSetting(null, null, []);
        }

        NameSyntax? keyword = null;
        var indices = ImmutableArray.CreateBuilder<(ExpressionSyntax, long?)>();
        foreach (var (parameter, values, _) in ExpressionLowerer.Match(spec.Arguments, setting.Arguments))
        {
            if (parameter == KeywordParameter)
            {
                keyword = values[^1] as NameSyntax;
            }
            else if (parameter == CudaParameter)
            {
                indices.AddRange(values.Select(v => (v, ConstantFolder.TryFold(v, model) is IntValue index ? index.Value : (long?)null)));
            }
        }

        return new DeviceSetting(setting, keyword, indices.ToImmutable());
    }
}
