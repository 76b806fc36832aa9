using HyperDsl.Compiler;
using HyperDsl.Syntax;
using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.LanguageServer.Analysis;

/// <summary>
/// One version of an open document as the compiler sees it: its syntax tree and the compilation
/// of that tree alone (imports read from disk), exactly as <c>hyp check</c> would make it.
/// </summary>
/// <param name="Uri">The document's URI, as the client named it.</param>
/// <param name="Version">The client's version of the text.</param>
/// <param name="Tree">The parsed document.</param>
/// <param name="Compilation">The checked compilation; its diagnostics are what <c>hyp check</c> prints.</param>
/// <param name="Refusal">Set when the document was not checked at all (too large): the one diagnostic to show.</param>
internal sealed record DocumentAnalysis(string Uri, int Version, SyntaxTree Tree, HypCompilation Compilation, Diagnostic? Refusal = null)
{
    private SyntaxIndex? _index;

    private Dictionary<Syntax.Ast.LayerSyntax, List<Compiler.Checking.LayerShape>>? _layerShapes;

    /// <summary>
    /// The input and output shapes of each layer over the space, over all the document's experiments
    /// (a block's layers serve several), walked on first use: only a hover asks.
    /// </summary>
    public IReadOnlyDictionary<Syntax.Ast.LayerSyntax, List<Compiler.Checking.LayerShape>> LayerShapes => _layerShapes ??= WalkLayerShapes();

    private Dictionary<Syntax.Ast.LayerSyntax, List<Compiler.Checking.LayerShape>> WalkLayerShapes()
    {
        var merged = new Dictionary<Syntax.Ast.LayerSyntax, List<Compiler.Checking.LayerShape>>(ReferenceEqualityComparer.Instance);
        foreach (var experiment in Compilation.Experiments)
        {
            foreach (var (layer, pairs) in Compiler.Checking.LayerShapes.Of(experiment))
            {
                if (!merged.TryGetValue(layer, out var all))
                {
                    merged[layer] = all = [];
                }

                all.AddRange(pairs.Where(p => !all.Contains(p)));
            }
        }

        return merged;
    }

    /// <summary>Every node of the document's tree with its parent, made on first use.</summary>
    public SyntaxIndex Index => _index ??= new SyntaxIndex(Tree.Root);

    /// <summary>The URI of a file of the compilation: the document's own, or an imported file's <c>file:</c> URI.</summary>
    public string UriOf(Syntax.Text.SourceFile file) => ReferenceEquals(file, Tree.File) ? Uri : DocumentUris.FromPath(file.Path);

    /// <summary>A span as an LSP location.</summary>
    public Protocol.Location LocationOf(Syntax.Text.SourceSpan span) => new(UriOf(span.File), LspPositions.ToRange(span));

    /// <summary>The diagnostics to show: the refusal, or the compilation's.</summary>
    public IEnumerable<Diagnostic> Diagnostics => Refusal is { } refusal ? [refusal] : Compilation.Diagnostics;
}
