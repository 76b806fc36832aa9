using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using static HyperDsl.Syntax.Parsing.Generated.HypParser;

namespace HyperDsl.Syntax.Parsing;

/// <summary>Names tokens and sets of tokens the way a person would in an error message.</summary>
internal static class TokenDescriptions
{
    public static readonly int[] ExpressionStarts =
        [NUMBER, DURATION, STRING, TRUE, FALSE, LBRACK, LPAREN, MINUS, PLUS, NOT, IF, MATCH, IDENT];

    public static readonly int[] SoftKeywords = [DATA, PARAMS, MODEL, TRAIN, TUNE, ALL, EXCEPT, EPOCH, EPOCHS, STEP, STEPS, SAVE, CONCAT, ADD];

    public static readonly int[] SectionKeywords = [DATA, PARAMS, MODEL, TRAIN, TUNE];

    // What may follow a complete expression; listing these after one is noise.
    public static readonly int[] Continuations =
        [DOT, EPOCH, EPOCHS, STEP, STEPS, PERCENT, CARET, STAR, SLASH, PLUS, MINUS, DOTDOT, DOTDOTLESS,
         EQ, NE, LT, LE, GT, GE, IN, AND, OR, THEN, LPAREN];

    // What the start of each kind of list item looks like, and how to name it.
    public static readonly (int[] Starters, string Phrase)[] ListItemPhrases =
    [
        ([FOR, RESIDUAL, FREEZE, REPLACE], "a layer or statement"),
        ([REQUIRE], "a parameter ('name ~ distribution' or 'name = value') or 'require'"),
        ([OBJECTIVE, TRY], "a setting"),
    ];

    public static readonly int[] StatementKeywords = [FOR, IF, MATCH, RESIDUAL, FREEZE, REPLACE, REQUIRE, OBJECTIVE, TRY, IMPORT, EXPERIMENT, BLOCK];

    /// <summary>How a token that was found is shown: <c>'}'</c>, <c>end of line</c>, <c>the name 'lr'</c>.</summary>
    public static string Found(IToken token) => token.Type switch
    {
        TokenConstants.EOF => "end of file",
        NL => "end of line",
        STRING => SyntaxText(token.Text),
        _ => $"'{SyntaxText(token.Text)}'",
    };

    /// <summary>How one expected token type is shown.</summary>
    public static string Expected(int type) => type switch
    {
        TokenConstants.EOF => "end of file",
        NL or SEMI => "end of line",
        IDENT => "a name",
        NUMBER => "a number",
        DURATION => "a duration",
        STRING => "a string",
        _ => DefaultVocabulary.GetLiteralName(type) ?? DefaultVocabulary.GetDisplayName(type),
    };

    /// <summary>Joins phrases as a person would: "a, b or c".</summary>
    public static string JoinAlternatives(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "something else",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1],
    };

    public static bool ContainsAll(IntervalSet set, IEnumerable<int> types) => types.All(set.Contains);

    public static bool IsNameLike(int type) => type == IDENT || SoftKeywords.Contains(type);

    public static bool IsHardKeyword(int type) => type is >= IMPORT and <= TRY;

    private static string SyntaxText(string text) => Diagnostics.DiagnosticText.Excerpt(text);
}
