using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary><c>target[index]</c>: an item of a list, such as <c>depths[stage]</c>.</summary>
/// <param name="Target">The list.</param>
/// <param name="Index">The position, counted from 0.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record IndexSyntax(ExpressionSyntax Target, ExpressionSyntax Index, SourceSpan Span) : ExpressionSyntax(Span);
