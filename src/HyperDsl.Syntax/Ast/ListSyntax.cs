using System.Collections.Immutable;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>A list: <c>[3, 224, 224]</c>.</summary>
/// <param name="Items">The items in order.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record ListSyntax(ImmutableArray<ExpressionSyntax> Items, SourceSpan Span) : ExpressionSyntax(Span);
