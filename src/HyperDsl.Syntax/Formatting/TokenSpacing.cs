using Antlr4.Runtime;
using HyperDsl.Syntax.Parsing.Generated;

namespace HyperDsl.Syntax.Formatting;

/// <summary>
/// The canonical number of spaces between two tokens on one line, before alignment: one, except
/// inside brackets, before ',', ';', ':' and '%', around '.' and '^', after a prefix operator and
/// between a callee and its arguments. Never glues tokens that would lex differently.
/// </summary>
internal static class TokenSpacing
{
    public static int Between(IToken previous, IToken next, LayoutFacts facts)
    {
        var spaces = Canonical(previous, next, facts);
        return spaces == 0 && WouldMerge(previous.Text, next.Text) ? 1 : spaces;
    }

    private static int Canonical(IToken previous, IToken next, LayoutFacts facts)
    {
        if (previous.Type is HypLexer.BLOCK_COMMENT or HypLexer.LINE_COMMENT || next.Type is HypLexer.BLOCK_COMMENT or HypLexer.LINE_COMMENT)
        {
            return previous.Type is HypLexer.LPAREN or HypLexer.LBRACK || next.Type is HypLexer.RPAREN or HypLexer.RBRACK or HypLexer.COMMA or HypLexer.SEMI ? 0 : 1;
        }

        if (next.Type == HypLexer.RBRACE)
        {
            return previous.Type == HypLexer.LBRACE ? 0 : 1;
        }

        if (next.Type is HypLexer.COMMA or HypLexer.SEMI or HypLexer.COLON or HypLexer.RPAREN or HypLexer.RBRACK or HypLexer.PERCENT or HypLexer.QUESTION)
        {
            return 0;
        }

        if (previous.Type is HypLexer.LPAREN or HypLexer.LBRACK
            || previous.Type is HypLexer.DOT or HypLexer.CARET || next.Type is HypLexer.DOT or HypLexer.CARET)
        {
            return 0;
        }

        if (facts.UnaryOperators.Contains(previous.TokenIndex) && previous.Type != HypLexer.NOT)
        {
            return 0;
        }

        return facts.GluedOpeners.Contains(next.TokenIndex) ? 0 : 1;
    }

    // Two tokens written together must lex as the same two tokens: `1 .. 2` never becomes `1..2`'s
    // neighbour `1.`, a name never runs into a number, `/` never starts a comment.
    private static bool WouldMerge(string previous, string next)
    {
        var last = previous[^1];
        var first = next[0];
        return (IsWordCharacter(last) && IsWordCharacter(first))
            || (last == '.' && (char.IsAsciiDigit(first) || first == '.'))
            || (char.IsAsciiDigit(last) && first == '.')
            || (last == '/' && first is '/' or '*');
    }

    private static bool IsWordCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
