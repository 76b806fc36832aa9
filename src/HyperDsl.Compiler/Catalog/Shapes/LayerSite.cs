using HyperDsl.Syntax.Text;

namespace HyperDsl.Compiler.Catalog.Shapes;

/// <summary>
/// Where a layer is written, for the diagnostics of its shape rule: the span, and the text the
/// messages quote (made only when a message needs it, since most layers fit).
/// </summary>
/// <param name="span">The layer's span in the spec.</param>
/// <param name="text">Makes the layer's text as messages quote it, such as <c>conv(32, kernel: 3)</c>.</param>
public sealed class LayerSite(SourceSpan span, Func<string> text)
{
    /// <summary>The layer's span in the spec.</summary>
    public SourceSpan Span { get; } = span;

    /// <summary>The layer's text as messages quote it.</summary>
    public string Text => text();
}
