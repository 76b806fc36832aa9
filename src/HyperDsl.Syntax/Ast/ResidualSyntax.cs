using System.Collections.Immutable;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary><c>residual { ... }</c>: the body plus a shortcut connection.</summary>
/// <param name="Arguments">Options of the shortcut, if any.</param>
/// <param name="Body">The main path the shortcut bypasses.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record ResidualSyntax(ImmutableArray<ArgumentSyntax> Arguments, ImmutableArray<StatementSyntax> Body, SourceSpan Span) : StatementSyntax(Span);
