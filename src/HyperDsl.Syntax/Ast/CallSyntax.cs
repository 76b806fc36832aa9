using System.Collections.Immutable;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>A call resolved by name later: <c>loguniform(1e-4, 1e-1)</c>, <c>cosine(min_lr: 1e-6)</c>.</summary>
/// <param name="Callee">The function called: a distribution, optimizer, schedule, sampler, ...</param>
/// <param name="Arguments">The arguments.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record CallSyntax(IdentifierSyntax Callee, ImmutableArray<ArgumentSyntax> Arguments, SourceSpan Span) : ExpressionSyntax(Span);
