using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Cli;

/// <summary>Opens the spec, its store and its study for the commands that only read a study (<c>trials</c>, <c>best</c>, <c>export</c>).</summary>
internal static class StudyQuery
{
    public static int With(string file, StudySelection selection, CliConsole console, Func<StudySpec, IStudyStore, StudyVersion, IReadOnlyList<Objective>, int> action)
    {
        using var spec = StudySpec.Load(file, selection.Experiment, selection.Storage, console, out var exit);
        if (spec is null)
        {
            return exit;
        }

        // Reading must not create an empty database where the user mistyped a path.
        if (spec.Storage.SqlitePath is { } path && !File.Exists(path))
        {
            console.Error.WriteLine($"hyp: error: there is no study database at '{path}' yet; run `hyp run {spec.Path}` first (or pass --storage).");
            return ExitCodes.UsageOrIo;
        }

        using var store = StudyStoreOpener.Open(spec.Storage, console, out exit);
        if (store is null)
        {
            return exit;
        }

        try
        {
            var version = StudyReport.Find(store, spec, selection.Study, console);
            return version is null ? ExitCodes.UsageOrIo : action(spec, store, version, StudyReport.Objectives(store, version, spec));
        }
        catch (StudyStoreException error)
        {
            console.Error.WriteLine($"hyp: error: {error.Message}");
            return ExitCodes.UsageOrIo;
        }
    }
}
