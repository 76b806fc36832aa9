using System.Collections.Immutable;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>One arm of a match statement.</summary>
/// <param name="Patterns">The alternatives, separated by <c>|</c>.</param>
/// <param name="Body">The statements used when a pattern matches.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record MatchStatementArmSyntax(ImmutableArray<PatternSyntax> Patterns, ImmutableArray<StatementSyntax> Body, SourceSpan Span) : SyntaxNode(Span);
