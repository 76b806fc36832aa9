using System.Collections.Immutable;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary><c>name { statements }</c>, such as an <c>augment</c> pipeline.</summary>
/// <param name="Name">See the base record.</param>
/// <param name="Body">The statements inside the braces.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record BlockSettingSyntax(IdentifierSyntax Name, ImmutableArray<StatementSyntax> Body, SourceSpan Span) : SettingSyntax(Name, Span);
