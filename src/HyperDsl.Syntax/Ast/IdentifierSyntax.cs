using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>A name as written in the source: a parameter, layer, setting, block or experiment name.</summary>
/// <param name="Name">The name as written.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record IdentifierSyntax(string Name, SourceSpan Span) : SyntaxNode(Span);
