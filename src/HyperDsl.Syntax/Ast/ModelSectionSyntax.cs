using System.Collections.Immutable;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>The <c>model</c> section: the architecture.</summary>
/// <param name="Body">The layers and statements in order.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record ModelSectionSyntax(ImmutableArray<StatementSyntax> Body, SourceSpan Span) : SectionSyntax(SectionKind.Model, Span);
