using System.CommandLine;
using HyperDsl.Compiler;
using HyperDsl.Compiler.Differencing;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Syntax;
using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Cli;

/// <summary>
/// <c>hyp diff OLD NEW</c>, <c>hyp diff FILE --from REV</c>, and git's external-diff form
/// (<c>PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE</c>, and for a rename <c>NEW-PATH MESSAGE</c>): what a spec change means
/// for its study, from the lowered experiments (see docs/editor-and-source-control.md). Exits 0
/// without semantic changes and 1 with some, like <c>diff</c>; in git's form always 0 when both
/// versions check, as git requires of an external diff.
/// </summary>
internal static class DiffCommand
{
    /// <summary>What git passes an external diff command (GIT_EXTERNAL_DIFF, diff.NAME.command).</summary>
    private const int GitArgumentCount = 7;

    /// <summary>What git passes for a renamed file: the seven, then the new path and a message about the rename.</summary>
    private const int GitRenameArgumentCount = 9;

    /// <summary>The side git gives for a file that does not exist on it (added or deleted).</summary>
    private const string GitNoFile = "/dev/null";

    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("files")
        {
            Description = "OLD NEW: two versions of a spec; FILE with --from REV; or the seven arguments git passes an external diff command.",
            Arity = new ArgumentArity(1, GitRenameArgumentCount),
        };
        var from = new Option<string?>("--from") { Description = "Compare FILE with its version at this git revision (a commit, branch or tag such as HEAD~1)." };
        var format = new Option<DiffFormat>("--format") { Description = "'text' (sections of changes, for people) or 'json' (for tools).", DefaultValueFactory = _ => DiffFormat.Text };
        var options = new StudyOptions();
        options.Storage.Description = "A study store (as for hyp run): also say which study version a run of the new spec continues or starts, and how many finished trials --warm-start would carry over.";
        var command = new Command("diff", "Say what changed in meaning between two versions of a spec: parameters, model, data, training and tuning, and whether a new study version starts. Exits 0 without semantic changes, 1 with some, 2 when a version has errors or on usage or I/O errors.")
        {
            files, from, format, options.Storage, options.Study,
        };
        command.SetAction(parse => Execute(parse.GetRequiredValue(files), parse.GetValue(from), parse.GetValue(format), options.Read(parse), console));
        return command;
    }

    private static int Execute(string[] files, string? revision, DiffFormat format, StudySelection selection, CliConsole console)
    {
        var git = files.Length is GitArgumentCount or GitRenameArgumentCount && revision is null;
        if (!git && (revision is null ? files.Length != 2 : files.Length != 1))
        {
            console.Error.WriteLine(revision is null
                ? "hyp: error: give two specs to compare (hyp diff OLD NEW), or one and a revision (hyp diff FILE --from REV)."
                : "hyp: error: with --from, give one spec: hyp diff FILE --from REV.");
            return ExitCodes.UsageOrIo;
        }

        // The old version is parsed under the file's own path, so its imports resolve beside it (at the revision, with --from).
        var (oldSide, newSide) = git
            ? (Side.FromGit(files[0], files[1], "a/"), Side.FromGit(files.Length == GitRenameArgumentCount ? files[7] : files[0], files[4], "b/"))
            : revision is not null
            ? (Side.FromRevision(files[0], revision), Side.FromFile(files[0]))
            : (Side.FromFile(files[0]), Side.FromFile(files[1]));
        foreach (var problem in new[] { oldSide.Problem, newSide.Problem }.OfType<string>())
        {
            console.Error.WriteLine($"hyp: error: {problem}");
        }

        if (oldSide.Problem is not null || newSide.Problem is not null)
        {
            return ExitCodes.UsageOrIo;
        }

        var before = oldSide.Compile();
        var after = newSide.Compile();
        var broken = false;

        // Warnings stay for hyp check: a diff is about meaning, and both sides must merely be sound.
        foreach (var (side, compilation) in new[] { (oldSide, before), (newSide, after) }.Where(s => s.Item2.HasErrors))
        {
            foreach (var diagnostic in compilation.Diagnostics)
            {
                console.Error.Write((console.IsTerminal ? DiagnosticFormatter.ToAnnotated(diagnostic) : DiagnosticFormatter.ToCanonical(diagnostic)) + "\n");
            }

            console.Error.WriteLine($"hyp: error: {side.Label} has errors; nothing was compared. Fix them (`hyp check` lists them).");
            broken = true;
        }

        // As diff(1) exits 2 for trouble: 1 must mean only "they differ", so a script can tell.
        if (broken)
        {
            return ExitCodes.UsageOrIo;
        }

        var diff = SpecDiffer.Compare(before, after);
        var stores = selection.Storage is { } storage ? DiffWarmStart.Preview(diff, after, storage, selection.Study) : null;
        if (stores is { Problem: { } storeProblem })
        {
            console.Error.WriteLine($"hyp: error: {storeProblem}");
            return ExitCodes.UsageOrIo;
        }

        console.Out.Write(format == DiffFormat.Json
            ? DiffJson.Write(oldSide.Label, newSide.Label, diff, stores)
            : Readable(oldSide.Label, newSide.Label, diff, stores));
        return git || !diff.HasChanges ? ExitCodes.Success : ExitCodes.Differences;
    }

    private static string Readable(string oldLabel, string newLabel, SpecDiff diff, DiffWarmStart? stores)
    {
        var text = new System.Text.StringBuilder($"hyp diff {DiagnosticText.Escape(oldLabel)} {DiagnosticText.Escape(newLabel)}\n");
        if (stores is null)
        {
            return text.Append(SpecDiffFormatter.Format(diff)).ToString();
        }

        // With a store, every experiment gets its line about the store, the unchanged ones too.
        foreach (var experiment in diff.Experiments)
        {
            text.Append(experiment.HasChanges ? SpecDiffFormatter.Format(experiment) : $"experiment {experiment.Name}: no semantic changes\n");
            if (stores.Line(experiment) is { } line)
            {
                text.Append($"  store: {line}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>One version of the spec: its bytes and the path it is parsed under, or why it could not be read.</summary>
    private sealed record Side(string Label, string ParsePath, byte[]? Bytes, string? Problem)
    {
        public static Side FromFile(string path)
        {
            var loaded = SpecFileLoader.Load([path]);
            return loaded.Problems.Count > 0 ? new Side(path, path, null, loaded.Problems[0]) : new Side(path, path, loaded.Files[0].Bytes, null);
        }

        public static Side FromRevision(string path, string revision)
        {
            var label = $"{revision}:{path}";
            if (GitRevisionReader.RevisionProblem(revision) is { } problem)
            {
                return new Side(label, path, null, problem);
            }

            var bytes = GitRevisionReader.Read(path, revision, out var reason);
            return new Side(label, path, bytes, reason is null ? null : $"cannot read '{DiagnosticText.Escape(path)}' at revision '{DiagnosticText.Escape(revision)}': {reason}.")
            {
                Imports = new GitRevisionSourceResolver(revision),
            };
        }

        // Git's side of a file added or deleted is /dev/null: no experiments there.
        public static Side FromGit(string path, string file, string prefix)
        {
            if (file == GitNoFile)
            {
                return new Side(GitNoFile, path, [], null);
            }

            var read = FromFile(file);
            return read with { Label = prefix + path, ParsePath = path };
        }

        /// <summary>Where its imports are read: the working tree, or for a revision, that revision.</summary>
        public ISourceResolver Imports { get; init; } = new FileSystemSourceResolver();

        public HypCompilation Compile() => Label == GitNoFile
            ? HypCompilation.Create([])
            : HypCompilation.Create([SyntaxTree.Parse(Bytes!, ParsePath)], Imports);
    }
}

/// <summary>How <c>hyp diff</c> prints.</summary>
internal enum DiffFormat
{
    /// <summary>Sections of changes, for people.</summary>
    Text,

    /// <summary>One JSON document, for tools.</summary>
    Json,
}
