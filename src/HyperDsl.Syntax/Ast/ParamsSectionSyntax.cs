using System.Collections.Immutable;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>The <c>params</c> section: the search space.</summary>
/// <param name="Members">Parameters and constraints in source order.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record ParamsSectionSyntax(ImmutableArray<ParamsMemberSyntax> Members, SourceSpan Span) : SectionSyntax(SectionKind.Params, Span);
