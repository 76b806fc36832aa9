using System.Collections.Immutable;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>One arm of a match expression.</summary>
/// <param name="Patterns">The alternatives, separated by <c>|</c>.</param>
/// <param name="Value">The value when a pattern matches.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record MatchArmSyntax(ImmutableArray<PatternSyntax> Patterns, ExpressionSyntax Value, SourceSpan Span) : SyntaxNode(Span);
