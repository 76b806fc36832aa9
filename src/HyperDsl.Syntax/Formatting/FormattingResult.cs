using System.Collections.Immutable;
using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Syntax.Formatting;

/// <summary>
/// What <see cref="SpecFormatter"/> made of one file: the canonical text, or, when the file has
/// syntax errors, no text and the diagnostics that say why (a spec is never half formatted).
/// </summary>
/// <param name="Text">The formatted text; null when the file could not be parsed cleanly.</param>
/// <param name="Diagnostics">The syntax diagnostics of the input (warnings too, when it was formatted).</param>
public sealed record FormattingResult(string? Text, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>True when the file was formatted.</summary>
    public bool Succeeded => Text is not null;
}
