using System.Collections.Immutable;
using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Parsing.Generated;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Parsing;

/// <summary>
/// Source text to AST: lexes, reports lexical problems, parses (fast SLL first, full LL with
/// recovery only when that fails) and builds the AST. Never throws on any input.
/// </summary>
internal static class SpecParser
{
    public static (SpecSyntax Root, ImmutableArray<Diagnostic> Diagnostics) Parse(SourceFile file, ImmutableArray<Diagnostic> initial)
    {
        var diagnostics = new DiagnosticCollector(file, initial);
        SpecSyntax? root = null;
        try
        {
            var facts = new LexicalFacts();
            var tokens = Lex(file, diagnostics, facts);
            var tree = ParseTokens(tokens, diagnostics, facts);
            root = new AstBuilder(file, diagnostics.Items).BuildSpec(tree);
        }
        catch (ParseAbandonedException)
        {
            // Already reported; what was parsed is not worth building.
        }

        root ??= new SpecSyntax([], new SourceSpan(file, new TextSpan(0, file.Text.Length)));
        var ordered = diagnostics.Items
            .Select((diagnostic, index) => (diagnostic, index))
            .OrderBy(pair => pair.diagnostic.Span.Range.Start)
            .ThenBy(pair => pair.index)
            .Select(pair => pair.diagnostic)
            .ToImmutableArray();
        return (root, ordered);
    }

    /// <summary>
    /// For the formatter: every token (whitespace, comments and line breaks included) and the
    /// parse tree of a file that <see cref="Parse"/> found free of errors. A path of its own, so
    /// the plain parse keeps no trivia and builds nothing it does not need.
    /// </summary>
    public static (IList<IToken> Tokens, HypParser.SpecContext Tree) ParseConcrete(SourceFile file)
    {
        var diagnostics = new DiagnosticCollector(file, ImmutableArray<Diagnostic>.Empty);
        var facts = new LexicalFacts();
        var tokens = Lex(file, diagnostics, facts);
        var tree = ParseTokens(tokens, diagnostics, facts);
        return (tokens.GetTokens(), tree);
    }

    private static CommonTokenStream Lex(SourceFile file, DiagnosticCollector diagnostics, LexicalFacts facts)
    {
        var lexer = new HypLexer(new AntlrInputStream(file.Text));
        lexer.RemoveErrorListeners();
        var tokens = lexer.GetAllTokens();
        ReportLexicalProblems(tokens, diagnostics, facts);
        CheckBrackets(tokens, diagnostics, facts);
        var stream = new CommonTokenStream(new ListTokenSource(tokens));
        stream.Fill();
        return stream;
    }

    // The lexer accepts every input by turning problems into tokens of their own; here they are
    // reported once and rewritten so that the parser carries on as if the text were right.
    private static void ReportLexicalProblems(IList<IToken> tokens, DiagnosticCollector diagnostics, LexicalFacts facts)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = (CommonToken)tokens[i];
            switch (token.Type)
            {
                case HypLexer.ERROR_CHAR:
                    var last = i;
                    while (last + 1 < tokens.Count && tokens[last + 1].Type == HypLexer.ERROR_CHAR && tokens[last + 1].StartIndex == tokens[last].StopIndex + 1)
                    {
                        ((CommonToken)tokens[++last]).Channel = TokenConstants.HiddenChannel;
                    }

                    token.Channel = TokenConstants.HiddenChannel;
                    var length = tokens[last].StopIndex + 1 - token.StartIndex;
                    var span = diagnostics.SpanAt(token.StartIndex, length);
                    diagnostics.Add(SyntaxDiagnostics.UnexpectedCharacter(span, DescribeCharacters(span.Text)));
                    if (NextVisible(tokens, last + 1) is { } next)
                    {
                        facts.TokensAfterUnexpectedCharacters.Add(next);
                    }

                    i = last;
                    break;
                case HypLexer.UNTERMINATED_STRING:
                    diagnostics.Add(SyntaxDiagnostics.UnterminatedString(diagnostics.SpanAt(token.StartIndex, token.StopIndex - token.StartIndex + 1)));
                    token.Type = HypLexer.STRING;
                    facts.LinesWithUnterminatedStrings.Add(token.Line);
                    break;
                case HypLexer.MALFORMED_NUMBER:
                    diagnostics.Add(SyntaxDiagnostics.MalformedNumber(diagnostics.SpanAt(token.StartIndex, token.StopIndex - token.StartIndex + 1), token.Text));
                    token.Type = HypLexer.NUMBER;
                    break;
                case HypLexer.IDENT when token.StopIndex - token.StartIndex + 1 > MaxNameLength:
                    var nameLength = token.StopIndex - token.StartIndex + 1;
                    diagnostics.Add(SyntaxDiagnostics.NameTooLong(diagnostics.SpanAt(token.StartIndex, nameLength), nameLength, MaxNameLength));
                    break;
                case HypLexer.UNTERMINATED_COMMENT:
                    facts.HasUnterminatedComment = true;
                    diagnostics.Add(SyntaxDiagnostics.UnterminatedComment(diagnostics.SpanAt(token.StartIndex, 2)));
                    token.Channel = TokenConstants.HiddenChannel;
                    break;
            }
        }
    }

    // Token indexes are positions in the list, which GetAllTokens numbers in order.
    private static int? NextVisible(IList<IToken> tokens, int from)
    {
        for (var i = from; i < tokens.Count; i++)
        {
            if (tokens[i].Channel == TokenConstants.DefaultChannel && tokens[i].Type != HypLexer.ERROR_CHAR)
            {
                return i;
            }
        }

        return null;
    }

    // Deeper nesting than this is no real spec, and recursive descent must stay far from the
    // stack's end; the limit is counted in brackets because that is what a person can see.
    private static void CheckBrackets(IList<IToken> tokens, DiagnosticCollector diagnostics, LexicalFacts facts)
    {
        var depth = 0;
        Span<int> balance = stackalloc int[3];
        foreach (var token in tokens)
        {
            if (token.Channel != TokenConstants.DefaultChannel)
            {
                continue;
            }

            switch (token.Type)
            {
                case HypLexer.LPAREN or HypLexer.LBRACK or HypLexer.LBRACE:
                    balance[BracketKind(token.Type)]++;
                    if (++depth > MaxBracketDepth)
                    {
                        diagnostics.Items.Add(SyntaxDiagnostics.NestingTooDeep(diagnostics.SpanAt(token.StartIndex, 1), MaxBracketDepth));
                        throw new ParseAbandonedException();
                    }

                    break;
                case HypLexer.RPAREN or HypLexer.RBRACK or HypLexer.RBRACE:
                    balance[BracketKind(token.Type)]--;
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }

        facts.BracketsBalance = balance[0] == 0 && balance[1] == 0 && balance[2] == 0;
    }

    private static int BracketKind(int type) => type switch
    {
        HypLexer.LPAREN or HypLexer.RPAREN => 0,
        HypLexer.LBRACK or HypLexer.RBRACK => 1,
        _ => 2,
    };

    /// <summary>The deepest nesting of brackets and blocks accepted.</summary>
    public const int MaxBracketDepth = SyntaxLimits.MaxBracketDepth;

    /// <summary>
    /// The longest name accepted: far beyond any real name, and short enough that a message
    /// quoting a name stays one readable line and the C# generated from it stays valid.
    /// </summary>
    public const int MaxNameLength = 64;

    private static string DescribeCharacters(string text)
    {
        var shown = DiagnosticText.Excerpt(text);
        return text.Length == 1 ? $"'{shown}'" : $"'{shown}' ({text.Length} characters)";
    }

    private static HypParser.SpecContext ParseTokens(CommonTokenStream tokens, DiagnosticCollector diagnostics, LexicalFacts facts)
    {
        var parser = new DepthLimitedParser(tokens, diagnostics);
        parser.RemoveErrorListeners();
        parser.Interpreter.PredictionMode = PredictionMode.SLL;
        parser.ErrorHandler = new BailErrorStrategy();
        try
        {
            return parser.spec();
        }
        catch (ParseCanceledException)
        {
            // SLL is exact for correct input; only erroneous (or rare ambiguous) input needs full LL.
        }

        tokens.Seek(0);
        parser.Reset();
        parser.Interpreter.PredictionMode = PredictionMode.LL;
        parser.ErrorHandler = new SyntaxErrorStrategy(diagnostics, facts);
        return parser.spec();
    }
}
