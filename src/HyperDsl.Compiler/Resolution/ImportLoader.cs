using HyperDsl.Syntax;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Resolution;

/// <summary>
/// Loads imported files once each, relative to the importing file. An import names a
/// <c>.hyp</c> spec file and nothing else; whatever the resolver refuses (not a regular file,
/// too large, missing) is reported at the import. Chains of imports are bounded in depth and
/// the files one compilation loads in number, so a spec cannot make the checker load without
/// end; cycles are reported.
/// </summary>
internal sealed class ImportLoader
{
    /// <summary>The longest chain of imports followed from a file given to the compilation.</summary>
    public const int MaxDepth = 32;

    /// <summary>The most files imports load in one compilation.</summary>
    public const int MaxFiles = 256;

    private readonly ISourceResolver? _resolver;
    private readonly List<Diagnostic> _diagnostics;
    private readonly Dictionary<string, SyntaxTree?> _byPath = new(StringComparer.Ordinal);
    private bool _reportedTooMany;

    public ImportLoader(ISourceResolver? resolver, List<Diagnostic> diagnostics, IEnumerable<SyntaxTree> given)
    {
        _resolver = resolver;
        _diagnostics = diagnostics;

        // A file that is both given and imported is read and reported once.
        foreach (var tree in given)
        {
            if (SpecFileReader.PathProblem(tree.File.Path) is null)
            {
                _byPath.TryAdd(Key(tree.File.Path), tree);
            }
        }
    }

    public List<SyntaxTree> Loaded { get; } = [];

    /// <summary>The file and everything it imports, directly or not, each once.</summary>
    public IReadOnlyList<SyntaxTree> Visible(SyntaxTree root)
    {
        var result = new List<SyntaxTree>();
        var rootKey = SpecFileReader.PathProblem(root.File.Path) is null ? Key(root.File.Path) : root.File.Path;
        Visit(root, [rootKey], result);
        return result;
    }

    // Recursion is bounded by MaxDepth.
    private void Visit(SyntaxTree tree, List<string> stack, List<SyntaxTree> result)
    {
        if (result.Contains(tree))
        {
            return;
        }

        result.Add(tree);
        foreach (var import in tree.Root.Members.OfType<ImportSyntax>())
        {
            // A missing string is a syntax error, reported already.
            if (import.Path.Span.Length == 0)
            {
                continue;
            }

            var shown = DiagnosticText.Excerpt(import.Path.Value);
            var path = Path.Combine(Path.GetDirectoryName(tree.File.Path) ?? "", import.Path.Value);
            if ((ImportPathProblem(import.Path.Value) ?? SpecFileReader.PathProblem(path)) is { } problem)
            {
                _diagnostics.Add(ImportNotSpecFile(import.Path.Span, shown, problem));
                continue;
            }

            var key = Key(path);
            if (stack.Contains(key))
            {
                _diagnostics.Add(ImportCycle(import.Path.Span, shown, stack.Select(Path.GetFileName).Append(Path.GetFileName(key))));
                continue;
            }

            if (stack.Count > MaxDepth)
            {
                _diagnostics.Add(ImportsTooDeep(import.Path.Span, MaxDepth, Path.GetFileName(stack[0]), Path.GetFileName(stack[^1]), shown));
                continue;
            }

            if (Load(path, key, import, shown) is { } imported)
            {
                Visit(imported, [.. stack, key], result);
            }
        }
    }


    // Refused before any file is touched: what no resolver may be asked for.
    private static string? ImportPathProblem(string value) =>
        SpecFileReader.PathProblem(value) ?? (SpecFileReader.HasSpecExtension(value) ? null : "it is not a .hyp file");

    private SyntaxTree? Load(string path, string key, ImportSyntax import, string shown)
    {
        if (_byPath.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (Loaded.Count >= MaxFiles)
        {
            if (!_reportedTooMany)
            {
                _reportedTooMany = true;
                _diagnostics.Add(TooManyImportedFiles(import.Path.Span, MaxFiles, shown));
            }

            return null;
        }

        var read = _resolver?.Read(path) ?? SpecFileRead.Refused(SpecFileProblem.Unreadable, "imports cannot be read here");
        if (read.Bytes is { Length: > SpecFileReader.MaxBytes })
        {
            read = SpecFileRead.Refused(SpecFileProblem.TooLarge, "it is larger than 1 MiB, the most a spec file may have");
        }

        if (read.Bytes is null)
        {
            _diagnostics.Add(read.Problem switch
            {
                SpecFileProblem.InvalidPath or SpecFileProblem.NotSpecFile => ImportNotSpecFile(import.Path.Span, shown, read.Reason),
                SpecFileProblem.NotRegularFile => ImportNotRegularFile(import.Path.Span, shown, read.Reason),
                SpecFileProblem.TooLarge => ImportTooLarge(import.Path.Span, shown, read.Reason),
                _ => ImportNotFound(import.Path.Span, shown, read.Reason, path),
            });
            _byPath[key] = null;
            return null;
        }

        var tree = SyntaxTree.Parse(read.Bytes, path);
        _byPath[key] = tree;
        Loaded.Add(tree);
        return tree;
    }

    private static string Key(string path) => Path.GetFullPath(path);
}
