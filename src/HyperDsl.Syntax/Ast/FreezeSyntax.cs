using System.Collections.Immutable;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary><c>freeze all except fc</c> or <c>freeze layer1, layer2</c>.</summary>
/// <param name="All">True for <c>freeze all [except ...]</c>.</param>
/// <param name="Layers">With <c>All</c>, the layers left trainable; otherwise the layers frozen.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record FreezeSyntax(bool All, ImmutableArray<LayerPathSyntax> Layers, SourceSpan Span) : StatementSyntax(Span);
