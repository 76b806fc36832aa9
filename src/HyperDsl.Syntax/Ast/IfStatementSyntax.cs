using System.Collections.Immutable;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary><c>if condition { ... } else { ... }</c> among statements.</summary>
/// <param name="Condition">The condition.</param>
/// <param name="Then">Statements used when the condition holds.</param>
/// <param name="Else">Statements used otherwise (an <c>else if</c> is a single nested if); empty without <c>else</c>.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record IfStatementSyntax(ExpressionSyntax Condition, ImmutableArray<StatementSyntax> Then, ImmutableArray<StatementSyntax> Else, SourceSpan Span) : StatementSyntax(Span);
