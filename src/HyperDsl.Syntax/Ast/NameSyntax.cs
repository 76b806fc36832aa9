using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>A reference to a parameter, loop variable, block argument or built-in name.</summary>
/// <param name="Name">The name as written.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record NameSyntax(string Name, SourceSpan Span) : ExpressionSyntax(Span);
