using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Lowering;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Emit;

/// <summary>Translates the tune section (and the train section's epochs and seed) into the runtime's <c>StudyPlan</c>.</summary>
internal sealed class StudyPlanEmitter(BoundExperiment bound, SamplerPick? pickedSampler)
{
    private const string Studies = "global::HyperDsl.Runtime.Studies";

    /// <summary>The initialisers of a <c>StudyPlan</c>, one per line.</summary>
    public IEnumerable<string> Initialisers()
    {
        var experiment = bound.Experiment;
        var objectives = experiment.SettingsOf(SectionKind.Tune).OfType<ObjectiveSettingSyntax>().LastOrDefault()?.Objectives ?? [];
        yield return $"Objectives = [{string.Join(", ", objectives.Select(Objective))}],";
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

        if (Value("timeout") is DurationLiteralSyntax timeout)
        {
            yield return $"Timeout = global::System.TimeSpan.FromSeconds({CSharpNames.Double(timeout.Value.TotalSeconds)}),";
        }

        var devices = DeviceSetting.Read(experiment, bound.Model).CudaDevices;
        if (Value("parallel") is { } parallel)
        {
            yield return $"Parallel = {Whole(parallel)},";
        }
        else if (devices.Length > 1)
        {
            // A list of GPUs without 'parallel' runs one trial on each.
            yield return $"Parallel = {devices.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)},";
        }

        if (devices.Length > 0)
        {
            yield return $"CudaDevices = [{string.Join(", ", devices.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)))}],";
        }

        if (Value("seed") is { } seed)
        {
            yield return $"Seed = {Whole(seed)}L,";
        }

        if (experiment.Setting(SectionKind.Train, "seed") is ValueSettingSyntax { Arguments: [var trainingSeed, ..] })
        {
            yield return $"TrainingSeed = {Whole(trainingSeed.Value)}L,";
        }

        if (experiment.Setting(SectionKind.Train, "epochs") is ValueSettingSyntax { Arguments: [var epochs, ..] })
        {
            yield return $"Epochs = {MostEpochs(epochs.Value)},";
        }

        var points = experiment.SettingsOf(SectionKind.Tune).OfType<TrySettingSyntax>().ToList();
        if (points.Count > 0)
        {
            yield return $"TryPoints = [{string.Join(", ", points.Select(TryPoint))}],";
        }

        if (Value("storage") is { } storage && ConstantFolder.TryFold(storage, bound.Model) is StringValue path)
        {
            yield return $"Storage = {CSharpNames.String(path.Value)},";
        }
    }

    private ExpressionSyntax? Value(string name) =>
        bound.Experiment.Setting(SectionKind.Tune, name) is ValueSettingSyntax { Arguments: [var first, ..] } ? first.Value : null;

    private static string Objective(ObjectiveSyntax objective)
    {
        // Written from the syntax, not its text, so a comment inside 'model /* */ . params' is not part of the name.
        var metric = objective.Metric switch
        {
            NameSyntax name => name.Name,
            MemberAccessSyntax { Target: NameSyntax target } access => target.Name + "." + access.Member.Name,
            _ => throw new NotSupportedException($"the objective '{ExpressionBinder.Shorten(objective.Metric)}' is not generated yet"),
        };
        var direction = objective.Direction == OptimizationDirection.Maximize ? "Maximize" : "Minimize";
        var source = BuiltinCatalog.FindMetric(metric)?.Source ?? throw new NotSupportedException($"the objective '{ExpressionBinder.Shorten(objective.Metric)}' is not generated yet");
        return $"new {Studies}.Objective({CSharpNames.String(metric)}, global::HyperDsl.Runtime.Search.StudyDirection.{direction}, {Studies}.MetricSource.{source})";
    }

    // A sampler or pruner as its catalogue entry says the runtime makes it.
    private string Construct(ExpressionSyntax expression)
    {
        var (entry, arguments) = expression switch
        {
            CallSyntax call => (bound.Model.GetResolution(call) as CatalogEntry, call.Arguments),
            NameSyntax plain => (bound.Model.GetResolution(plain) as CatalogEntry, []),
            _ => (null, []),
        };
        if (entry?.Strategy.Picks is not null)
        {
            // 'auto': the sampler the checker picked and showed for this study, with its defaults.
            entry = pickedSampler is null ? null : BuiltinCatalog.Find(pickedSampler.Sampler);
            arguments = [];
        }

        if (entry?.Constructor is not { } runtime)
        {
            throw new NotSupportedException($"'{ExpressionBinder.Shorten(expression)}' is not generated yet");
        }

        var values = ExpressionLowerer.Match(entry.Parameters, arguments).Select(a => $"{CSharpNames.Pascal(a.Parameter)}: {Constant(a.Values[^1])}");
        return $"new global::{runtime.TypeName}({string.Join(", ", values)})";
    }

    private string Whole(ExpressionSyntax expression) => ConstantFolder.TryFold(expression, bound.Model) switch
    {
        IntValue value => value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException("a tune setting that is not a constant int is not generated yet"),
    };

    // The plan's epochs are the most any trial trains (the pruners' full budget, the progress
    // display's end); a searched 'epochs' gives each trial its own count through TrainingOptions.
    private string MostEpochs(ExpressionSyntax epochs) => ConstantFolder.TryFold(epochs, bound.Model) is IntValue
        ? Whole(epochs)
        : new SpaceEnumerator(bound.Model).Extreme(epochs, max: true) is { } most
            ? ((long)most).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : throw new NotSupportedException($"'epochs {ExpressionBinder.Shorten(epochs)}' takes no number at any point of the space");

    private string Constant(ExpressionSyntax expression) => ConstantFolder.TryFold(expression, bound.Model) switch
    {
        IntValue value => value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        BoolValue value => value.Value ? "true" : "false",
        FloatValue value => CSharpNames.Double(value.Value),
        _ => throw new NotSupportedException("a sampler or pruner argument that is not a constant is not generated yet"),
    };

    private string TryPoint(TrySettingSyntax point)
    {
        var values = point.Assignments.Select(a => $"[{CSharpNames.String(a.Name.Name)}] = {PointValue(a.Value)}");
        return $"new global::System.Collections.Generic.Dictionary<string, object>(global::System.StringComparer.Ordinal) {{ {string.Join(", ", values)} }}";
    }

    private string PointValue(ExpressionSyntax expression) => ConstantFolder.TryFold(expression, bound.Model) switch
    {
        IntValue value => CSharpNames.Long(value.Value),
        FloatValue value => CSharpNames.Double(value.Value),
        BoolValue value => value.Value ? "true" : "false",
        EnumValue value => CSharpNames.String(value.Member),
        StringValue value => CSharpNames.String(value.Value),
        _ => throw new NotSupportedException("a try value that is not a constant is not generated yet"),
    };
}
