using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>One section of an experiment.</summary>
/// <param name="Kind">Which section this is.</param>
/// <param name="Span">Where the node is in its file.</param>
public abstract record SectionSyntax(SectionKind Kind, SourceSpan Span) : SyntaxNode(Span);
