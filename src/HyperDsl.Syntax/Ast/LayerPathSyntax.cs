using System.Collections.Immutable;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>A dotted path to a layer inside a backbone: <c>layer4.1.conv2</c>.</summary>
/// <param name="Segments">The dotted parts, such as <c>layer4</c>, <c>1</c>, <c>conv2</c>.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record LayerPathSyntax(ImmutableArray<IdentifierSyntax> Segments, SourceSpan Span) : SyntaxNode(Span);
