using System.Collections.Immutable;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary><c>match subject { pattern => statements ... }</c> among statements.</summary>
/// <param name="Subject">The value matched.</param>
/// <param name="Arms">The arms in order.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record MatchStatementSyntax(ExpressionSyntax Subject, ImmutableArray<MatchStatementArmSyntax> Arms, SourceSpan Span) : StatementSyntax(Span);
