using System.Collections.Immutable;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>A layer, backbone, augmentation or block use: <c>relu</c>, <c>conv(32, kernel: 3)</c>.</summary>
/// <param name="Name">The layer, backbone, augmentation or block name.</param>
/// <param name="Arguments">The arguments; empty when written without parentheses.</param>
/// <param name="HasArgumentList">True when written with parentheses, even empty ones.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record LayerSyntax(IdentifierSyntax Name, ImmutableArray<ArgumentSyntax> Arguments, bool HasArgumentList, SourceSpan Span) : StatementSyntax(Span);
