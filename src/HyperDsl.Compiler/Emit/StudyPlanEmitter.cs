using System.Globalization;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Lowering;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Emit;

/// <summary>
/// Prints the lowered tune section (and the train section's epochs and seed) as the runtime's
/// <c>StudyPlan</c>. Study-level values are constants (the checker refuses a sampled one, HYP4093),
/// folded here as the checker folded them.
/// </summary>
internal sealed class StudyPlanEmitter(LoweredExperiment lowered, BoundExperiment bound, SamplerPick? pickedSampler)
{
    private const string Studies = "global::HyperDsl.Runtime.Studies";

    /// <summary>The initialisers of a <c>StudyPlan</c>, one per line.</summary>
    public IEnumerable<string> Initialisers()
    {
        yield return $"Objectives = [{string.Join(", ", lowered.Objectives.Select(Objective))}],";
        if (Value("sampler") is { } sampler)
        {
            yield return $"Sampler = {Construct(sampler)},";
        }

        if (Value("pruner") is { } pruner)
        {
            yield return $"Pruner = {Construct(pruner)},";
        }

        if (Value("trials") is { } trials)
        {
            yield return $"Trials = {Whole(trials)},";
        }

        // Folded like the other settings: 'timeout budget' with 'budget = 2h' is a time limit too.
        if (Value("timeout") is { } limit && ConstantFolder.TryFold(limit, bound.Model) is DurationValue timeout)
        {
            yield return $"Timeout = global::System.TimeSpan.FromSeconds({CSharpNames.Double(timeout.Value.TotalSeconds)}),";
        }

        var devices = DeviceSetting.Read(lowered, bound.Model).CudaDevices;
        if (Value("parallel") is { } parallel)
        {
            yield return $"Parallel = {Whole(parallel)},";
        }
        else if (devices.Length > 1)
        {
            // A list of GPUs without 'parallel' runs one trial on each.
            yield return $"Parallel = {devices.Length.ToString(CultureInfo.InvariantCulture)},";
        }

        if (devices.Length > 0)
        {
            yield return $"CudaDevices = [{string.Join(", ", devices.Select(d => d.ToString(CultureInfo.InvariantCulture)))}],";
        }

        if (Value("seed") is { } seed)
        {
            yield return $"Seed = {Whole(seed)}L,";
        }

        if (lowered.Train.Find("seed")?.Value is { } trainingSeed)
        {
            yield return $"TrainingSeed = {Whole(trainingSeed)}L,";
        }

        if (lowered.Train.Find("epochs")?.Value is { } epochs)
        {
            yield return $"Epochs = {MostEpochs(epochs)},";
        }

        if (lowered.TryPoints.Length > 0)
        {
            yield return $"TryPoints = [{string.Join(", ", lowered.TryPoints.Select(TryPoint))}],";
        }

        if (Value("storage") is { } storage && ConstantFolder.TryFold(storage, bound.Model) is StringValue path)
        {
            yield return $"Storage = {CSharpNames.String(path.Value)},";
        }
    }

    private LoweredExpression? Value(string name) => lowered.Tune.Find(name)?.Value;

    private static string Objective(LoweredObjective objective)
    {
        // The metric the binder resolved, not the text written, so a comment inside 'model /* */ . params' is not part of the name.
        var metric = objective.Metric switch
        {
            LoweredKeyword reported => reported.Keyword,
            LoweredModelStatistic statistic => statistic.Name,
            _ => throw Unsupported("the objective", objective.Metric),
        };
        var direction = objective.Direction == OptimizationDirection.Maximize ? "Maximize" : "Minimize";
        var source = BuiltinCatalog.FindMetric(metric)?.Source ?? throw Unsupported("the objective", objective.Metric);
        return $"new {Studies}.Objective({CSharpNames.String(metric)}, global::HyperDsl.Runtime.Search.StudyDirection.{direction}, {Studies}.MetricSource.{source})";
    }

    // A sampler or pruner as its catalogue entry says the runtime makes it.
    private string Construct(LoweredExpression expression)
    {
        var (entry, arguments) = expression is LoweredCall call ? (call.Entry, call.Arguments) : (null, []);
        if (entry?.Strategy.Picks is not null)
        {
            // 'auto': the sampler the checker picked and showed for this study, with its defaults.
            entry = pickedSampler is null ? null : BuiltinCatalog.Find(pickedSampler.Sampler);
            arguments = [];
        }

        if (entry?.Constructor is not { } runtime)
        {
            throw Unsupported("", expression);
        }

        var values = arguments.Select(a => $"{CSharpNames.Pascal(a.Parameter)}: {Constant(a.Value)}");
        return $"new global::{runtime.TypeName}({string.Join(", ", values)})";
    }

    private string Whole(LoweredExpression expression) => ConstantFolder.TryFold(expression, bound.Model) switch
    {
        IntValue value => value.Value.ToString(CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException("a tune setting that is not a constant int is not generated yet"),
    };

    // The plan's epochs are the most any trial trains (the pruners' full budget, the progress
    // display's end); a searched 'epochs' gives each trial its own count through TrainingOptions.
    private string MostEpochs(LoweredExpression epochs) => ConstantFolder.TryFold(epochs, bound.Model) is IntValue
        ? Whole(epochs)
        : new SpaceEnumerator(bound.Model).Extreme(epochs, max: true) is { } most
            ? ((long)most).ToString(CultureInfo.InvariantCulture)
            : throw new NotSupportedException($"'epochs {Binding.ExpressionBinder.Shorten(epochs.Span)}' takes no number at any point of the space");

    private string Constant(LoweredExpression expression) => ConstantFolder.TryFold(expression, bound.Model) switch
    {
        IntValue value => value.Value.ToString(CultureInfo.InvariantCulture),
        BoolValue value => value.Value ? "true" : "false",
        FloatValue value => CSharpNames.Double(value.Value),
        _ => throw new NotSupportedException("a sampler or pruner argument that is not a constant is not generated yet"),
    };

    private string TryPoint(LoweredTryPoint point)
    {
        var values = point.Assignments.Select(a => $"[{CSharpNames.String(a.Name)}] = {PointValue(a.Value)}");
        return $"new global::System.Collections.Generic.Dictionary<string, object>(global::System.StringComparer.Ordinal) {{ {string.Join(", ", values)} }}";
    }

    private string PointValue(LoweredExpression expression) => ConstantFolder.TryFold(expression, bound.Model) switch
    {
        IntValue value => CSharpNames.Long(value.Value),
        FloatValue value => CSharpNames.Double(value.Value),
        BoolValue value => value.Value ? "true" : "false",
        EnumValue value => CSharpNames.String(value.Member),
        StringValue value => CSharpNames.String(value.Value),
        _ => throw new NotSupportedException("a try value that is not a constant is not generated yet"),
    };

    private static NotSupportedException Unsupported(string what, LoweredExpression expression) =>
        new($"{what}{(what.Length > 0 ? " " : "")}'{Binding.ExpressionBinder.Shorten(expression.Span)}' is not generated yet");
}
