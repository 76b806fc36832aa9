namespace HyperDsl.Syntax.Parsing;

/// <summary>
/// What lexing learned that error reporting needs, so that one mistake is reported once: a
/// parse error caused by a character or string already reported is not reported again.
/// </summary>
internal sealed class LexicalFacts
{
    /// <summary>Lines (1-based) holding a string without its closing quote.</summary>
    public HashSet<int> LinesWithUnterminatedStrings { get; } = [];

    /// <summary>Indexes of the first visible token after each run of unexpected characters.</summary>
    public HashSet<int> TokensAfterUnexpectedCharacters { get; } = [];

    /// <summary>True when a block comment runs to the end of the file.</summary>
    public bool HasUnterminatedComment { get; set; }

    /// <summary>True when every kind of bracket opens as often as it closes.</summary>
    public bool BracketsBalance { get; set; } = true;
}
