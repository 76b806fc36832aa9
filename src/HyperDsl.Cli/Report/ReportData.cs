using System.Globalization;
using HyperDsl.Compiler.Checking;
using HyperDsl.Runtime.Analysis;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Cli.Report;

/// <summary>What the report's views draw from: the study's trials, objectives and space, and the importances.</summary>
internal sealed record ReportData(
    StudyVersion Version,
    IReadOnlyList<StoredTrial> Trials,
    IReadOnlyList<Objective> Objectives,
    IReadOnlyList<ParameterSpace> Space,
    IReadOnlyList<IReadOnlyList<ParameterImportance>> Importance,
    string? ImportanceNote)
{
    /// <summary>The spec's pruner (it is not part of the study hash, so the one the spec names now), whose rungs the learning curves show.</summary>
    public PrunerChoice Pruner { get; init; } = new PrunerChoice.None();

    /// <summary>What the checker proved of the spec's space (the model's parameter-count and FLOP ranges), or null when its shape check could not run.</summary>
    public ShapeSummary? Shapes { get; init; }

    /// <summary>The complete trials with a finite value for objective <paramref name="objective"/>, by number.</summary>
    public IEnumerable<(StoredTrial Trial, double Value)> Complete(int objective) => Trials
        .Where(t => t.State == TrialState.Complete && t.Values is { } v && objective < v.Count && double.IsFinite(v[objective]))
        .OrderBy(t => t.Number)
        .Select(t => (t, t.Values![objective]));

    /// <summary>Whether larger is better for objective <paramref name="objective"/>.</summary>
    public bool Maximize(int objective) => Objectives[objective].Direction == StudyDirection.Maximize;

    /// <summary>Whether the spec draws the parameter on a log scale.</summary>
    public static bool IsLog(ParameterSpace parameter) => parameter is FloatSpace { Log: true } or IntSpace { Log: true };

    /// <summary>A parameter value as a number for an axis (null for a categorical one, which is placed by its label).</summary>
    public static double? Number(object value) => value switch
    {
        double d => d,
        float f => f,
        long l => l,
        int i => i,
        _ => null,
    };

    /// <summary>A parameter value as a label.</summary>
    public static string Label(object? value) => value switch
    {
        null => "not used",
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => value.ToString() ?? "",
    };
}
