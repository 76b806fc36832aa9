using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary><c>replace fc with linear(2)</c>.</summary>
/// <param name="Target">The layer replaced.</param>
/// <param name="Replacement">The layer put in its place.</param>
/// <param name="Span">Where the node is in its file.</param>
public sealed record ReplaceSyntax(LayerPathSyntax Target, LayerSyntax Replacement, SourceSpan Span) : StatementSyntax(Span);
