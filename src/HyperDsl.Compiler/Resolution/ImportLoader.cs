using HyperDsl.Syntax;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Resolution;

/// <summary>Loads imported files once each, relative to the importing file, and reports missing files and cycles.</summary>
internal sealed class ImportLoader
{
    private readonly ISourceResolver? _resolver;
    private readonly List<Diagnostic> _diagnostics;
    private readonly Dictionary<string, SyntaxTree?> _byPath = new(StringComparer.Ordinal);

    public ImportLoader(ISourceResolver? resolver, List<Diagnostic> diagnostics, IEnumerable<SyntaxTree> given)
    {
        _resolver = resolver;
        _diagnostics = diagnostics;

        // A file that is both given and imported is read and reported once.
        foreach (var tree in given)
        {
            _byPath.TryAdd(Key(tree.File.Path), tree);
        }
    }

    public List<SyntaxTree> Loaded { get; } = [];

    /// <summary>The file and everything it imports, directly or not, each once.</summary>
    public IReadOnlyList<SyntaxTree> Visible(SyntaxTree root)
    {
        var result = new List<SyntaxTree>();
        Visit(root, [Key(root.File.Path)], result);
        return result;
    }

    private void Visit(SyntaxTree tree, List<string> stack, List<SyntaxTree> result)
    {
        if (result.Contains(tree))
        {
            return;
        }

        result.Add(tree);
        foreach (var import in tree.Root.Members.OfType<ImportSyntax>())
        {
            if (import.Path.Value.Length == 0)
            {
                continue;
            }

            var path = Path.Combine(Path.GetDirectoryName(tree.File.Path) ?? "", import.Path.Value);
            var key = Key(path);
            if (stack.Contains(key))
            {
                _diagnostics.Add(Create(ImportCycleDescriptor, import.Path.Span,
                    $"Importing '{import.Path.Value}' leads back to this file: {string.Join(" -> ", stack.Select(Path.GetFileName).Append(Path.GetFileName(key)))}.",
                    "Move what both files need into a third file that both import."));
                continue;
            }

            if (Load(path, key, import) is { } imported)
            {
                Visit(imported, [.. stack, key], result);
            }
        }
    }

    private SyntaxTree? Load(string path, string key, ImportSyntax import)
    {
        if (_byPath.TryGetValue(key, out var cached))
        {
            return cached;
        }

        string? problem = "imports cannot be read here";
        var bytes = _resolver?.TryRead(path, out problem);
        if (bytes is null)
        {
            _diagnostics.Add(Create(ImportNotFoundDescriptor, import.Path.Span,
                $"Cannot import '{import.Path.Value}': {problem} (looked for {path}).", "Import paths are relative to the importing file."));
            _byPath[key] = null;
            return null;
        }

        var tree = SyntaxTree.Parse(bytes, path);
        _byPath[key] = tree;
        Loaded.Add(tree);
        return tree;
    }

    private static string Key(string path) => Path.GetFullPath(path);
}
