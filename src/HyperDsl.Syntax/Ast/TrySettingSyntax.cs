using System.Collections.Immutable;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary><c>try { lr = 1e-3, batch = 64 }</c>: a point evaluated before the sampler takes over.</summary>
/// <param name="Name">See the base record.</param>
/// <param name="Assignments">The parameter values of the point.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record TrySettingSyntax(IdentifierSyntax Name, ImmutableArray<AssignmentSyntax> Assignments, SourceSpan Span) : SettingSyntax(Name, Span);
