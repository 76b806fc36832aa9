using HyperDsl.Compiler.Binding;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Text;

namespace HyperDsl.LanguageServer.Analysis;

/// <summary>
/// Where a symbol is declared and used, over the document and the files it imports. A symbol is
/// known by its declaration: an experiment that extends another binds the parent's parameters and
/// model again with symbols of its own, which share the declaration.
/// </summary>
internal sealed class SymbolReferences
{
    private readonly Dictionary<(SourceFile File, TextSpan Range), List<SourceSpan>> _uses = [];
    private readonly Dictionary<(SourceFile File, TextSpan Range), HashSet<(SourceFile File, TextSpan Range)>> _sharedWith = [];

    public SymbolReferences(DocumentAnalysis analysis)
    {
        var models = analysis.Compilation.Experiments.Select(e => e.Semantics).OfType<SemanticModel>().ToList();
        foreach (var tree in analysis.Compilation.SyntaxTrees.Concat(analysis.Compilation.ImportedTrees))
        {
            var nodes = ReferenceEquals(tree, analysis.Tree) ? analysis.Index.Nodes : new SyntaxIndex(tree.Root).Nodes;
            foreach (var node in nodes)
            {
                if (UseSpan(node) is not { } use)
                {
                    continue;
                }

                var declarations = models.Select(m => m.GetResolution(node)).OfType<Symbol>().Select(Key).Distinct().ToList();
                foreach (var declaration in declarations)
                {
                    Add(_uses, declaration).Add(use);
                    foreach (var other in declarations)
                    {
                        AddSet(_sharedWith, declaration).Add(other);
                    }
                }
            }
        }
    }

    /// <summary>The declaration and every use of the symbol, each once, in file and source order.</summary>
    public IReadOnlyList<SourceSpan> Of(Symbol symbol) => Spans([Key(symbol)]);

    /// <summary>
    /// What renaming the symbol must change: its declaration and uses, and those of any declaration
    /// that shares a use with it (a parameter an extending experiment redeclares, whose parent's
    /// model uses both), so that every use still refers to one name after the rename.
    /// </summary>
    public IReadOnlyList<SourceSpan> ToRename(Symbol symbol)
    {
        var linked = new HashSet<(SourceFile, TextSpan)> { Key(symbol) };
        var pending = new Queue<(SourceFile, TextSpan)>(linked);
        while (pending.TryDequeue(out var declaration))
        {
            foreach (var other in _sharedWith.GetValueOrDefault(declaration) ?? [])
            {
                if (linked.Add(other))
                {
                    pending.Enqueue(other);
                }
            }
        }

        return Spans(linked);
    }

    private IReadOnlyList<SourceSpan> Spans(IEnumerable<(SourceFile File, TextSpan Range)> declarations) =>
        [.. declarations.SelectMany(d => (_uses.GetValueOrDefault(d) ?? []).Prepend(new SourceSpan(d.File, d.Range)))
            .DistinctBy(s => (s.File, s.Range))
            .OrderBy(s => s.File.Path, StringComparer.Ordinal).ThenBy(s => s.Range.Start)];

    private static (SourceFile File, TextSpan Range) Key(Symbol symbol) => (symbol.Declaration.File, symbol.Declaration.Range);

    // Where a resolved node writes the name: a name in an expression, a block used as a layer, a parameter set by a try point.
    private static SourceSpan? UseSpan(SyntaxNode node) => node switch
    {
        NameSyntax name => name.Span,
        LayerSyntax layer => layer.Name.Span,
        AssignmentSyntax assignment => assignment.Name.Span,
        _ => null,
    };

    private static List<SourceSpan> Add(Dictionary<(SourceFile, TextSpan), List<SourceSpan>> map, (SourceFile, TextSpan) key)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        return list;
    }

    private static HashSet<(SourceFile, TextSpan)> AddSet(Dictionary<(SourceFile, TextSpan), HashSet<(SourceFile, TextSpan)>> map, (SourceFile, TextSpan) key)
    {
        if (!map.TryGetValue(key, out var set))
        {
            map[key] = set = [];
        }

        return set;
    }
}
