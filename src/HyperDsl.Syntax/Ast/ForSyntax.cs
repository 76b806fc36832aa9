using System.Collections.Immutable;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary><c>for i in range { ... }</c>: repeats statements.</summary>
/// <param name="Variable">The loop variable; <c>_</c> when the body does not use it.</param>
/// <param name="Range">What the variable ranges over: <c>0 ..&lt; depth</c>, <c>1 .. 3</c> or a list.</param>
/// <param name="Body">The repeated statements.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record ForSyntax(IdentifierSyntax Variable, ExpressionSyntax Range, ImmutableArray<StatementSyntax> Body, SourceSpan Span) : StatementSyntax(Span);
