using System.Collections.Immutable;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>The root of one file: its imports, block definitions and experiments.</summary>
/// <param name="Members">Imports, blocks and experiments in file order.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record SpecSyntax(ImmutableArray<TopLevelSyntax> Members, SourceSpan Span) : SyntaxNode(Span);
