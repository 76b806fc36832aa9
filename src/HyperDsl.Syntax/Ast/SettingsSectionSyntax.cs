using System.Collections.Immutable;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>A <c>data</c>, <c>train</c> or <c>tune</c> section: a list of settings resolved by name later.</summary>
/// <param name="Kind">See the base record.</param>
/// <param name="Settings">The settings in source order.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record SettingsSectionSyntax(SectionKind Kind, ImmutableArray<SettingSyntax> Settings, SourceSpan Span) : SectionSyntax(Kind, Span);
