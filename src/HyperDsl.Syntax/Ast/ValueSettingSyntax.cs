using System.Collections.Immutable;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary><c>name value, name: value, ...</c>, such as <c>epochs 10</c> or <c>normalize mean: [0.5], std: [0.5]</c>.</summary>
/// <param name="Name">See the base record.</param>
/// <param name="Arguments">The values after the name; may be named (<c>mean: [0.5]</c>).</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record ValueSettingSyntax(IdentifierSyntax Name, ImmutableArray<ArgumentSyntax> Arguments, SourceSpan Span) : SettingSyntax(Name, Span);
