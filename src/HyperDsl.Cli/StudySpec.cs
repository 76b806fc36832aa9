using HyperDsl.Compiler;
using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Compiler.Emit;
using HyperDsl.Hosting;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Syntax;
using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Cli;

/// <summary>
/// One experiment of a spec file, checked, generated and loaded, with where its study lives:
/// what <c>hyp run</c>, <c>trials</c>, <c>best</c> and <c>export</c> all start from.
/// </summary>
internal sealed class StudySpec : IDisposable
{
    private readonly LoadedExperiments _loaded;

    private StudySpec(string path, string text, IExperimentDefinition definition, LoadedExperiments loaded, StoreLocation storage, ShapeSummary? shapes)
    {
        Path = path;
        Shapes = shapes;
        Text = text;
        Definition = definition;
        _loaded = loaded;
        Storage = storage;
    }

    /// <summary>Names the study store when <c>--storage</c> does not, so a shared database's credentials stay out of specs and command lines.</summary>
    public const string StorageVariable = "HYP_STORAGE";

    /// <summary>The spec file as given.</summary>
    public string Path { get; }

    /// <summary>The spec's text.</summary>
    public string Text { get; }

    /// <summary>The experiment.</summary>
    public IExperimentDefinition Definition { get; }

    /// <summary>What the checker found over the space: the ranges of the model's parameter count and FLOPs (null when the shape check could not run).</summary>
    public ShapeSummary? Shapes { get; }

    /// <summary>Where the study lives: <c>--storage</c>, else <c>$HYP_STORAGE</c>, else the spec's <c>storage</c> (from the spec's folder), else <c>{spec}.study.db</c> beside the spec.</summary>
    public StoreLocation Storage { get; }

    /// <summary>
    /// Where the best trials' weights go: beside a SQLite store <c>x.study.db</c>, <c>x.study.weights/</c>;
    /// with a shared database, beside the spec (each machine keeps the weights of the trials it ran).
    /// </summary>
    public string WeightsDirectory => BesideStore(".weights");

    /// <summary>
    /// Where trials' checkpoints go unless <c>--checkpoint-dir</c> says: beside a SQLite store <c>x.study.db</c>,
    /// <c>x.study.checkpoints/</c>; with a shared database, beside the spec.
    /// </summary>
    public string CheckpointDirectory => BesideStore(".checkpoints");

    private string BesideStore(string suffix)
    {
        var file = System.IO.Path.GetFullPath(Storage.SqlitePath ?? System.IO.Path.ChangeExtension(Path, ".study.db"));
        return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(file)!, System.IO.Path.GetFileNameWithoutExtension(file) + suffix);
    }

    /// <summary>
    /// Checks and loads <paramref name="file"/>; on any problem prints it and returns null with
    /// the exit code to use. Diagnostics are printed (warnings too) before anything runs.
    /// </summary>
    public static StudySpec? Load(string file, string? experiment, StoreLocation? storage, CliConsole console, out int exitCode)
    {
        if (Directory.Exists(file))
        {
            console.Error.WriteLine($"hyp: error: '{file}' is a directory; give one .hyp file.");
            exitCode = ExitCodes.UsageOrIo;
            return null;
        }

        var loaded = SpecFileLoader.Load([file]);
        if (loaded.Problems.Count > 0)
        {
            console.Error.WriteLine($"hyp: error: {loaded.Problems[0]}");
            exitCode = ExitCodes.UsageOrIo;
            return null;
        }

        var spec = loaded.Files[0];
        var compilation = HypCompilation.Create([SyntaxTree.Parse(spec.Bytes, spec.DisplayPath)], new FileSystemSourceResolver());
        var (sources, diagnostics) = HypCompilationEmitter.Emit(compilation);
        foreach (var diagnostic in diagnostics)
        {
            console.Error.Write((console.IsTerminal ? DiagnosticFormatter.ToAnnotated(diagnostic) : DiagnosticFormatter.ToCanonical(diagnostic)) + "\n");
        }

        if (diagnostics.Any(d => d.IsError))
        {
            console.Error.WriteLine($"hyp: error: '{file}' has errors; nothing was run. Fix them (`hyp check {file}` lists them).");
            exitCode = ExitCodes.SpecErrors;
            return null;
        }

        LoadedExperiments experiments;
        try
        {
            experiments = new ExperimentAssemblyCompiler(ExperimentAssemblyCompiler.DefaultCacheDirectory).Load(sources);
        }
        catch (GeneratedCodeException error)
        {
            console.Error.WriteLine($"hyp: internal error: {error.Message}");
            exitCode = ExitCodes.SpecErrors;
            return null;
        }

        var definitions = experiments.Definitions();
        var chosen = experiment is null
            ? definitions.Count == 1 ? definitions[0] : null
            : definitions.FirstOrDefault(d => d.Name == experiment);
        if (chosen is null)
        {
            var names = string.Join(", ", definitions.Select(d => d.Name));
            console.Error.WriteLine(definitions.Count == 0
                ? $"hyp: error: '{file}' declares no experiment to run."
                : experiment is null
                    ? $"hyp: error: '{file}' declares {definitions.Count} experiments ({names}); choose one with --experiment NAME."
                    : $"hyp: error: '{file}' has no experiment '{experiment}'; it declares {names}.");
            experiments.Dispose();
            exitCode = ExitCodes.UsageOrIo;
            return null;
        }

        StoreLocation location;
        try
        {
            location = storage
                ?? StoreLocation.FromEnvironment(StorageVariable)
                ?? (chosen.Plan.Storage is { } planned ? StoreLocation.ParseSpecStorage(planned, System.IO.Path.GetDirectoryName(spec.DisplayPath) ?? "") : null)
                ?? StoreLocation.SqliteFile(System.IO.Path.ChangeExtension(spec.DisplayPath, ".study.db"));
        }
        catch (StudyStoreException error)
        {
            console.Error.WriteLine($"hyp: error: {error.Message}");
            experiments.Dispose();
            exitCode = ExitCodes.UsageOrIo;
            return null;
        }

        exitCode = ExitCodes.Success;
        var shapes = compilation.Experiments.FirstOrDefault(e => e.Name == chosen.Name)?.Shapes;
        return new StudySpec(spec.DisplayPath, System.Text.Encoding.UTF8.GetString(spec.Bytes), chosen, experiments, location, shapes);
    }

    /// <inheritdoc />
    public void Dispose() => _loaded.Dispose();
}
