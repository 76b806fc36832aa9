using System.Collections.Immutable;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary><c>block name(arg: type = default) { ... }</c>: a reusable piece of architecture.</summary>
/// <param name="Name">The block's name, used like a layer.</param>
/// <param name="Parameters">The declared parameters.</param>
/// <param name="Body">The layers and statements the block expands to.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record BlockDeclarationSyntax(IdentifierSyntax Name, ImmutableArray<BlockParameterSyntax> Parameters, ImmutableArray<StatementSyntax> Body, SourceSpan Span) : TopLevelSyntax(Span);
