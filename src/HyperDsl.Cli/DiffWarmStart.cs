using HyperDsl.Compiler;
using HyperDsl.Compiler.Differencing;
using HyperDsl.Compiler.Emit;
using HyperDsl.Hosting;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Cli;

/// <summary>
/// What a run of the new spec would find in a study store, per experiment: the version it
/// continues, or the one it starts and how many finished trials <c>--warm-start</c> would carry
/// over. The count is the runtime's own rule (<see cref="WarmStartPreview"/>), so the new spec is
/// generated and loaded as <c>hyp run</c> does. Nothing is written (a missing SQLite file is not created).
/// </summary>
internal sealed class DiffWarmStart
{
    private readonly Dictionary<string, (string Study, WarmStartPreview Preview)> _previews;

    private DiffWarmStart(string store, Dictionary<string, (string, WarmStartPreview)> previews, string? problem)
    {
        Store = store;
        _previews = previews;
        Problem = problem;
    }

    /// <summary>The store, as shown.</summary>
    public string Store { get; }

    /// <summary>Why the store could not be asked; null when it was.</summary>
    public string? Problem { get; }

    /// <summary>The study and what a run would do, for an experiment of the new spec; null for a removed one.</summary>
    public (string Study, WarmStartPreview Preview)? Of(ExperimentDiff experiment) =>
        experiment.NewName is { } name && _previews.TryGetValue(name, out var preview) ? preview : null;

    public static DiffWarmStart Preview(SpecDiff diff, HypCompilation after, StoreLocation location, string? study)
    {
        var previews = new Dictionary<string, (string, WarmStartPreview)>(StringComparer.Ordinal);
        var experiments = diff.Experiments.Where(e => e.NewName is not null).ToList();
        if (experiments.Count == 0)
        {
            return new DiffWarmStart(location.Display, previews, null);
        }

        if (location.SqlitePath is { } file && !File.Exists(file))
        {
            // No file, no study: every experiment starts afresh, and nothing is created to say so.
            foreach (var experiment in experiments)
            {
                previews[experiment.NewName!] = (study ?? experiment.NewName!, new WarmStartPreview(null, null, 0, 0));
            }

            return new DiffWarmStart(location.Display, previews, null);
        }

        var (sources, diagnostics) = HypCompilationEmitter.Emit(after);
        if (diagnostics.Any(d => d.IsError))
        {
            return new DiffWarmStart(location.Display, previews, $"the new spec could not be generated: {DiagnosticText.Excerpt(diagnostics.First(d => d.IsError).Message, 200)}");
        }

        try
        {
            using var loaded = new ExperimentAssemblyCompiler(ExperimentAssemblyCompiler.DefaultCacheDirectory).Load(sources);
            using var store = StudyStores.Open(location);
            var definitions = loaded.Definitions().ToDictionary(d => d.Name, StringComparer.Ordinal);
            foreach (var experiment in experiments)
            {
                if (definitions.TryGetValue(experiment.NewName!, out var definition))
                {
                    var name = study ?? definition.Name;
                    previews[experiment.NewName!] = (name, WarmStartPreview.Of(definition, store, name));
                }
            }
        }
        catch (GeneratedCodeException error)
        {
            return new DiffWarmStart(location.Display, previews, $"internal error: {error.Message}");
        }
        catch (StudyStoreException error)
        {
            return new DiffWarmStart(location.Display, previews, error.Message);
        }

        return new DiffWarmStart(location.Display, previews, null);
    }

    /// <summary>What a run of the experiment would do in the store, as one line.</summary>
    public string? Line(ExperimentDiff experiment)
    {
        if (Of(experiment) is not var (study, preview))
        {
            return null;
        }

        var where = $"'{DiagnosticText.Escape(study)}' in {DiagnosticText.Escape(Store)}";
        return preview switch
        {
            { ExistingVersion: { } existing } => $"{where}: a run continues version {existing.Version} ('{DiagnosticText.Escape(existing.StudyName)}'), which has this spec's study hash; nothing is carried over",
            { Previous: { } previous } => $"{where}: a run starts a new version; hyp run --warm-start would carry over {preview.Carried} of the {preview.Finished} finished trials of version {previous.Version} ('{DiagnosticText.Escape(previous.StudyName)}')",
            _ => $"{where}: no stored version; a run starts the study, with nothing to carry over",
        };
    }
}
