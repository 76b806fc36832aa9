using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary><c>import "file.hyp"</c>: makes the blocks and experiments of another file available.</summary>
/// <param name="Path">The imported file's path, relative to the importing file.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record ImportSyntax(StringLiteralSyntax Path, SourceSpan Span) : TopLevelSyntax(Span);
