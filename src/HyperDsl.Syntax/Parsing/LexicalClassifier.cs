using System.Collections.Immutable;
using Antlr4.Runtime;
using HyperDsl.Syntax.Parsing.Generated;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Parsing;

/// <summary>What a piece of spec text is to the lexer, for highlighting (the language server's semantic tokens).</summary>
public enum LexicalClass
{
    /// <summary>A keyword of the language: <c>experiment</c>, <c>for</c>, <c>when</c>, <c>epochs</c>, ...</summary>
    Keyword,

    /// <summary>A name.</summary>
    Identifier,

    /// <summary>A number or a duration (<c>1e-3</c>, <c>100k</c>, <c>2h</c>).</summary>
    Number,

    /// <summary>A string, closed or not.</summary>
    String,

    /// <summary>A comment, closed or not.</summary>
    Comment,

    /// <summary>An operator or a sign (<c>~</c>, <c>=</c>, <c>..</c>, <c>=></c>, ...), brackets and separators left out.</summary>
    Operator,
}

/// <summary>A span of text and what it is.</summary>
/// <param name="Span">The characters.</param>
/// <param name="Class">What they are.</param>
public readonly record struct ClassifiedSpan(TextSpan Span, LexicalClass Class);

/// <summary>
/// The tokens of a text as the lexer sees them, comments included, each with its class: the
/// same lexer as the parser, so highlighting and parsing agree on what a keyword or a number is.
/// Lexing never fails; what the lexer cannot place is left out.
/// </summary>
public static class LexicalClassifier
{
    /// <summary>Every keyword, name, number, string, comment and operator of <paramref name="text"/>, in order.</summary>
    public static ImmutableArray<ClassifiedSpan> Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lexer = new HypLexer(new AntlrInputStream(text));
        lexer.RemoveErrorListeners();
        var spans = ImmutableArray.CreateBuilder<ClassifiedSpan>();
        foreach (var token in lexer.GetAllTokens())
        {
            if (Class(token.Type) is { } kind && token.StopIndex >= token.StartIndex)
            {
                spans.Add(new ClassifiedSpan(TextSpan.FromBounds(token.StartIndex, token.StopIndex + 1), kind));
            }
        }

        return spans.ToImmutable();
    }

    private static LexicalClass? Class(int type) => type switch
    {
        >= HypLexer.IMPORT and <= HypLexer.ADD => LexicalClass.Keyword,
        HypLexer.IDENT => LexicalClass.Identifier,
        HypLexer.NUMBER or HypLexer.DURATION or HypLexer.MALFORMED_NUMBER => LexicalClass.Number,
        HypLexer.STRING or HypLexer.UNTERMINATED_STRING => LexicalClass.String,
        HypLexer.LINE_COMMENT or HypLexer.BLOCK_COMMENT or HypLexer.UNTERMINATED_COMMENT => LexicalClass.Comment,
        HypLexer.DOTDOTLESS or HypLexer.DOTDOT or HypLexer.ARROW or HypLexer.EQ or HypLexer.NE or HypLexer.LE or HypLexer.GE or HypLexer.LT or HypLexer.GT
            or HypLexer.ASSIGN or HypLexer.TILDE or HypLexer.PLUS or HypLexer.MINUS or HypLexer.STAR or HypLexer.SLASH or HypLexer.CARET or HypLexer.PERCENT
            or HypLexer.PIPE or HypLexer.QUESTION => LexicalClass.Operator,
        _ => null,
    };
}
