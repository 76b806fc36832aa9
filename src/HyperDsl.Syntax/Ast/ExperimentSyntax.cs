using System.Collections.Immutable;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary><c>experiment name [extends parent] { sections }</c>.</summary>
/// <param name="Name">The experiment's name.</param>
/// <param name="Parent">The experiment named after <c>extends</c>, if any.</param>
/// <param name="Sections">The sections in source order.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record ExperimentSyntax(IdentifierSyntax Name, IdentifierSyntax? Parent, ImmutableArray<SectionSyntax> Sections, SourceSpan Span) : TopLevelSyntax(Span);
