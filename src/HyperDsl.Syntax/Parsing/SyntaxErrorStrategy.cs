using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;
using Antlr4.Runtime.Tree;
using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;
using static HyperDsl.Syntax.Parsing.Generated.HypParser;

namespace HyperDsl.Syntax.Parsing;

/// <summary>
/// ANTLR's default recovery (single-token insertion and deletion, then resynchronising on what
/// may follow, which is usually the end of the line) with messages written for people:
/// "Expected a distribution after '~', found end of line." rather than ANTLR's token lists.
/// </summary>
internal sealed class SyntaxErrorStrategy : DefaultErrorStrategy
{
    private readonly DiagnosticCollector _diagnostics;
    private readonly LexicalFacts _facts;

    public SyntaxErrorStrategy(DiagnosticCollector diagnostics, LexicalFacts facts)
    {
        _diagnostics = diagnostics;
        _facts = facts;
    }

    // Deleting a line break to glue two lines together turns one error into a cascade: the
    // next line's first name would be read as the missing value. Keep line breaks.
    protected override IToken? SingleTokenDeletion(Parser recognizer)
    {
        ArgumentNullException.ThrowIfNull(recognizer);
        // Deleting a bracket unbalances the rest of the file, which is never the fix either.
        return recognizer.InputStream.LA(1) is NL or LPAREN or LBRACK or LBRACE or RPAREN or RBRACK or RBRACE
            ? null
            : base.SingleTokenDeletion(recognizer);
    }

    // ANTLR gives up on the whole rule when a list item cannot start, so one bad line would
    // end its section, and the section's '}' would be taken for the experiment's. Instead the
    // rest of the line (or of the bracketed list) is reported once and skipped, and the list
    // goes on with its next item.
    public override void Sync(Parser recognizer)
    {
        ArgumentNullException.ThrowIfNull(recognizer);
        var state = recognizer.Interpreter.atn.states[recognizer.State];
        if (InErrorRecoveryMode(recognizer) || state.StateType is not (StateType.BlockStart or StateType.StarBlockStart
                or StateType.PlusBlockStart or StateType.StarLoopEntry or StateType.StarLoopBack or StateType.PlusLoopBack))
        {
            base.Sync(recognizer);
            return;
        }

        var next = recognizer.Atn.NextTokens(state);
        var lookahead = recognizer.InputStream.LA(1);
        if (next.Contains(lookahead) || next.Contains(TokenConstants.EPSILON))
        {
            base.Sync(recognizer);
            return;
        }

        var statementLevel = next.Contains(SEMI);
        if (!statementLevel && state.StateType is StateType.BlockStart or StateType.StarBlockStart or StateType.PlusBlockStart)
        {
            base.Sync(recognizer);
            return;
        }

        if (SingleTokenDeletion(recognizer) is not null)
        {
            return;
        }

        BeginErrorCondition(recognizer);
        Report(recognizer, recognizer.CurrentToken, recognizer.GetExpectedTokens());
        SkipTo(recognizer, next.Or(GetErrorRecoverySet(recognizer)), statementLevel);
    }

    public override void Recover(Parser recognizer, RecognitionException e)
    {
        ArgumentNullException.ThrowIfNull(recognizer);

        // Two errors at the same place and state: move on, or recovery would loop forever.
        if (lastErrorIndex == recognizer.InputStream.Index && lastErrorStates?.Contains(recognizer.State) == true)
        {
            recognizer.Consume();
        }

        lastErrorIndex = recognizer.InputStream.Index;
        lastErrorStates ??= new IntervalSet();
        lastErrorStates.Add(recognizer.State);
        if (SkipPastCloser(recognizer))
        {
            return;
        }

        SkipTo(recognizer, GetErrorRecoverySet(recognizer), statementLevel: false);
    }

    // An error in the list itself (an empty argument in 'loguniform(1e-4, , 1e-1)') is caught by
    // the rule that opened the bracket. Stopping at the first token that may follow would leave
    // the closer unmatched, and every rule around it would fail in turn, silently, in recovery
    // mode: the errors on later lines were never reported. So when the bracket's own closer lies
    // ahead, the rest of the list is skipped and the closer matched, and the parse goes on as if
    // the list had ended well.
    private bool SkipPastCloser(Parser parser)
    {
        if (parser.Context is null || OpenBracket(parser.Context) is not { } open
            || DistanceToCloser((ITokenStream)parser.InputStream, CloserType(open.Symbol.Type)) is not { } distance)
        {
            return false;
        }

        for (var i = 0; i < distance; i++)
        {
            parser.Consume();
        }

        EndErrorCondition(parser);
        parser.Consume();
        return true;
    }

    // The bracket (or parenthesis) a rule opened and has not closed yet: the list the error is in.
    private static ITerminalNode? OpenBracket(ParserRuleContext context) =>
        InnermostUnclosed(context) is { Symbol.Type: LPAREN or LBRACK } open ? open : null;

    // How many tokens lie before the closer of the open bracket, skipping nested groups; null when
    // another closer (a block's '}') or the end of the file comes first: then the bracket was never closed.
    // Walks the token buffer by index: the stream's LA(k) steps over k tokens each call, which made
    // this quadratic in a long list (a 20,000-value choice with one empty argument took 12 s).
    private static int? DistanceToCloser(ITokenStream input, int closer)
    {
        if (input is BufferedTokenStream buffered)
        {
            buffered.Fill();
        }

        var depth = 0;
        var distance = 0;
        for (var index = input.Index; index < input.Size; index++)
        {
            var token = input.Get(index);
            if (token.Type == TokenConstants.EOF)
            {
                return null;
            }

            if (token.Channel != TokenConstants.DefaultChannel)
            {
                continue;
            }

            var type = token.Type;
            if (depth == 0 && type is RPAREN or RBRACK or RBRACE)
            {
                return type == closer ? distance : null;
            }

            if (type is LPAREN or LBRACK or LBRACE)
            {
                depth++;
            }
            else if (type is RPAREN or RBRACK or RBRACE)
            {
                depth--;
            }

            distance++;
        }

        return null;
    }

    // Skips whole bracketed groups, so a '}' inside the skipped text never closes an outer block.
    // In a statement list the skip ends at the line's end or the block's '}'; elsewhere at a
    // token that may follow, or at a closer that belongs to an enclosing bracket.
    private static void SkipTo(Parser parser, IntervalSet stop, bool statementLevel)
    {
        var depth = 0;
        while (true)
        {
            var type = parser.InputStream.LA(1);
            if (type == TokenConstants.EOF)
            {
                return;
            }

            if (depth == 0 && (statementLevel
                    ? type is NL or SEMI or RBRACE
                    : stop.Contains(type) || type is RPAREN or RBRACK or RBRACE))
            {
                return;
            }

            if (type is LPAREN or LBRACK or LBRACE)
            {
                depth++;
            }
            else if (type is RPAREN or RBRACK or RBRACE && depth > 0)
            {
                depth--;
            }

            parser.Consume();
        }
    }

    protected override void ReportNoViableAlternative(Parser recognizer, NoViableAltException e)
    {
        ArgumentNullException.ThrowIfNull(recognizer);
        ArgumentNullException.ThrowIfNull(e);
        var offending = e.OffendingToken;
        if (offending.TokenIndex == e.StartToken.TokenIndex)
        {
            Report(recognizer, offending, recognizer.GetExpectedTokens());
            return;
        }

        // Prediction looked past the first token, so the tokens before the offending one were
        // fine; what could have come instead is what the surviving alternatives expected there.
        if (recognizer.Context is ParamsMemberContext && offending.TokenIndex == NextOnChannel(recognizer, e.StartToken).TokenIndex
            && !_facts.TokensAfterUnexpectedCharacters.Contains(offending.TokenIndex))
        {
            _diagnostics.Add(SyntaxDiagnostics.Expected(SpanOf(offending), "'~' (a sampled parameter) or '=' (a fixed value)", TokenDescriptions.Found(e.StartToken), TokenDescriptions.Found(offending)));
            return;
        }

        Report(recognizer, offending, ExpectedAtDeadEnd(recognizer, e));
    }

    private static IntervalSet? ExpectedAtDeadEnd(Parser recognizer, NoViableAltException e)
    {
        if (e.DeadEndConfigs is null)
        {
            return null;
        }

        var expected = new IntervalSet();
        foreach (var config in e.DeadEndConfigs.configs)
        {
            expected.AddAll(recognizer.Atn.NextTokens(config.state));
        }

        expected.Remove(TokenConstants.EPSILON);
        return expected.IsNil ? null : expected;
    }

    protected override void ReportInputMismatch(Parser recognizer, InputMismatchException e) =>
        Report(recognizer, e.OffendingToken, e.GetExpectedTokens());

    protected override void ReportFailedPredicate(Parser recognizer, FailedPredicateException e) =>
        Report(recognizer, e.OffendingToken, null);

    protected override void ReportUnwantedToken(Parser recognizer)
    {
        if (InErrorRecoveryMode(recognizer))
        {
            return;
        }

        BeginErrorCondition(recognizer);
        Report(recognizer, recognizer.CurrentToken, GetExpectedTokens(recognizer), unwanted: true);
    }

    protected override void ReportMissingToken(Parser recognizer)
    {
        if (InErrorRecoveryMode(recognizer))
        {
            return;
        }

        BeginErrorCondition(recognizer);
        Report(recognizer, recognizer.CurrentToken, GetExpectedTokens(recognizer));
    }

    private void Report(Parser parser, IToken found, IntervalSet? expected, bool unwanted = false)
    {
        // A character or string already reported is the cause; say it once.
        if (_facts.TokensAfterUnexpectedCharacters.Contains(found.TokenIndex))
        {
            return;
        }

        var span = SpanOf(found);
        var foundText = TokenDescriptions.Found(found);
        var previous = PreviousToken(parser, found, out var lineBreakBetween);

        if (found.Type is RPAREN or RBRACK or RBRACE && (expected is null || !expected.Contains(found.Type))
            && FindUnclosedBracket(parser.Context, OpenerType(found.Type)) is null)
        {
            _diagnostics.Add(SyntaxDiagnostics.UnmatchedCloser(span, found.Text, Opener(found.Type)));
            return;
        }

        // Lists in () and [] may wrap, so a missing closer shows only where the next line
        // starts something else; a block's '}' can only be missed at the end of the file.
        var unclosed = found.Type == TokenConstants.EOF
            ? FindUnclosedBracket(parser.Context, expected)
            : lineBreakBetween ? FindUnclosedBracket(parser.Context, opener => opener is LPAREN or LBRACK && expected?.Contains(CloserType(opener)) != false) : null;
        if (unclosed is { } open)
        {
            ReportUnclosed(span, open, foundText);
            return;
        }

        if (expected is null || expected.IsNil)
        {
            _diagnostics.Add(SyntaxDiagnostics.UnexpectedToken(span, foundText, "something else here"));
            return;
        }

        var after = previous is null || previous.Type == SEMI || (lineBreakBetween && !ContinuesOnNextLine(previous.Type))
            ? null
            : TokenDescriptions.Found(previous);

        // Where only a name fits (not an expression or a statement), a keyword was meant as one.
        if (expected.Contains(IDENT) && !expected.Contains(NUMBER) && !expected.Contains(FOR)
            && TokenDescriptions.IsHardKeyword(found.Type) && !expected.Contains(found.Type))
        {
            _diagnostics.Add(SyntaxDiagnostics.KeywordAsName(span, found.Text, after));
            return;
        }

        // Only statement lists accept ';', so it tells "another statement could start here".
        if (!lineBreakBetween && previous is not null && previous.Type != SEMI && expected.Contains(SEMI)
            && (TokenDescriptions.IsNameLike(found.Type) || TokenDescriptions.StatementKeywords.Contains(found.Type)))
        {
            _diagnostics.Add(SyntaxDiagnostics.MissingSeparator(span, foundText));
            return;
        }

        var description = DescribeExpected(parser, expected, found);
        _diagnostics.Add(unwanted
            ? SyntaxDiagnostics.UnexpectedToken(span, foundText, description)
            : SyntaxDiagnostics.Expected(span, description, after, foundText));
    }

    // After these a statement or expression may go on on the next line.
    private static bool ContinuesOnNextLine(int type) =>
        type is CARET or STAR or SLASH or PLUS or MINUS or EQ or NE or LT or LE or GT or GE or IN or AND or OR or THEN
            or LPAREN or LBRACK or COMMA or TILDE or ASSIGN;

    private void ReportUnclosed(SourceSpan span, ITerminalNode open, string found)
    {
        var opener = open.Symbol;

        // An unterminated string swallows the rest of its line, closers included.
        if (_facts.LinesWithUnterminatedStrings.Contains(opener.Line))
        {
            return;
        }

        // With every bracket balanced, an "unclosed" one after earlier errors is an artefact of
        // recovery; after an unterminated comment, the comment took the closers.
        // Only at the end of the file: a line that cannot continue a list is evidence of its own.
        var atEnd = span.Range.Start >= span.File.Text.Length;
        if (atEnd && (_facts.HasUnterminatedComment || (_facts.BracketsBalance && _diagnostics.Items.Any(d => d.IsError))))
        {
            return;
        }

        var position = _diagnostics.SpanAt(opener.StartIndex, 1).Start;
        _diagnostics.Add(SyntaxDiagnostics.UnclosedBracket(span, opener.Text, Closer(opener.Type), position, found));
    }

    private static string DescribeExpected(Parser parser, IntervalSet expected, IToken found)
    {
        var remaining = new HashSet<int>(expected.ToList());
        var phrases = new List<string>();

        if (TokenDescriptions.ContainsAll(expected, [NUMBER, STRING, LPAREN, IDENT]))
        {
            phrases.Add(ExpressionPhrase(parser.Context, found));
            remaining.ExceptWith(TokenDescriptions.ExpressionStarts);
            remaining.ExceptWith(TokenDescriptions.SoftKeywords);
        }

        foreach (var (starters, phrase) in TokenDescriptions.ListItemPhrases)
        {
            if (TokenDescriptions.ContainsAll(expected, starters) && expected.Contains(IDENT))
            {
                phrases.Add(phrase);
                remaining.ExceptWith(starters);
                remaining.ExceptWith(TokenDescriptions.ExpressionStarts);
                remaining.ExceptWith(TokenDescriptions.SoftKeywords);
                remaining.ExceptWith(TokenDescriptions.StatementKeywords);
                break;
            }
        }

        if (remaining.Count(t => TokenDescriptions.Continuations.Contains(t)) >= 5)
        {
            remaining.ExceptWith(TokenDescriptions.Continuations);
        }

        if (!expected.Contains(IDENT) && TokenDescriptions.ContainsAll(expected, TokenDescriptions.SectionKeywords))
        {
            phrases.Add("a section ('data', 'params', 'model', 'train' or 'tune')");
            remaining.ExceptWith(TokenDescriptions.SectionKeywords);
        }

        if (remaining.Contains(IDENT))
        {
            phrases.Add("a name");
            remaining.ExceptWith(TokenDescriptions.SoftKeywords);
            remaining.Remove(IDENT);
        }

        // Only statement lists accept ';'. Elsewhere a line break is allowed (lists wrap) but is
        // never what is missing.
        remaining.Remove(NL);
        var endOfLine = remaining.Remove(SEMI);
        phrases.AddRange(remaining.Order().Select(TokenDescriptions.Expected).Distinct());
        if (endOfLine)
        {
            phrases.Add("end of line");
        }

        if (phrases.Count > 6)
        {
            phrases = [.. phrases.Take(5), "another token"];
        }

        return TokenDescriptions.JoinAlternatives(phrases);
    }

    // Names the expression by the role it plays where it is missing.
    private static string ExpressionPhrase(ParserRuleContext? context, IToken found)
    {
        while (context is ExpressionContext or PrimaryContext && context.Parent is ParserRuleContext parent
               && (context.ChildCount == 0 || context.Start.TokenIndex == found.TokenIndex))
        {
            context = parent;
        }

        return context switch
        {
            DistributionContext => "a distribution such as 'uniform(0, 1)' or 'choice(a, b)'",
            SampledParameterContext or RequireConstraintContext => "a condition",
            FixedParameterContext fixedParameter => fixedParameter.WHEN() is null ? "a value" : "a condition",
            IfStatementContext => "a condition",
            IfExpressionContext ifExpression => ifExpression.LBRACE().Length == 0 ? "a condition" : "a value",
            ForStatementContext => "a range such as '0 ..< depth' or a list",
            ArgumentContext or AssignmentContext or MatchArmContext or ListLiteralContext or ValueSettingContext => "a value",
            ObjectiveContext => "a metric such as 'val_accuracy'",
            MatchStatementContext or MatchExpressionContext => "a value to match",
            _ => "an expression",
        };
    }

    private static IToken NextOnChannel(Parser parser, IToken token)
    {
        var stream = (ITokenStream)parser.InputStream;
        for (var i = token.TokenIndex + 1; i < stream.Size; i++)
        {
            var candidate = stream.Get(i);
            if (candidate.Channel == TokenConstants.DefaultChannel)
            {
                return candidate;
            }
        }

        return token;
    }

    private static ITerminalNode? FindUnclosedBracket(ParserRuleContext? context, IntervalSet? expected) =>
        FindUnclosedBracket(context, opener => expected is null || expected.Contains(CloserType(opener)));

    private static ITerminalNode? FindUnclosedBracket(ParserRuleContext? context, int openerType) =>
        FindUnclosedBracket(context, opener => opener == openerType);

    private static ITerminalNode? FindUnclosedBracket(ParserRuleContext? context, Func<int, bool> accept)
    {
        for (; context is not null; context = context.Parent as ParserRuleContext)
        {
            if (InnermostUnclosed(context) is { } open && accept(open.Symbol.Type))
            {
                return open;
            }
        }

        return null;
    }

    // The innermost bracket among one rule's own tokens that the rule has not closed.
    private static ITerminalNode? InnermostUnclosed(ParserRuleContext context)
    {
        if (context.children is null)
        {
            return null;
        }

        var open = new Stack<ITerminalNode>();
        foreach (var child in context.children)
        {
            if (child is not ITerminalNode terminal || terminal is IErrorNode)
            {
                continue;
            }

            switch (terminal.Symbol.Type)
            {
                case LBRACE or LPAREN or LBRACK:
                    open.Push(terminal);
                    break;
                case RBRACE or RPAREN or RBRACK when open.Count > 0:
                    open.Pop();
                    break;
            }
        }

        return open.Count > 0 ? open.Peek() : null;
    }

    private static int CloserType(int opener) => opener switch
    {
        LBRACE => RBRACE,
        LPAREN => RPAREN,
        _ => RBRACK,
    };

    private static int OpenerType(int closer) => closer switch
    {
        RBRACE => LBRACE,
        RPAREN => LPAREN,
        _ => LBRACK,
    };

    private static string Opener(int closer) => closer switch
    {
        RBRACE => "{",
        RPAREN => "(",
        _ => "[",
    };

    private static string Closer(int opener) => opener switch
    {
        LBRACE => "}",
        LPAREN => ")",
        _ => "]",
    };

    // The visible token before this one, skipping line breaks (and saying whether it did).
    private static IToken? PreviousToken(Parser parser, IToken token, out bool lineBreakBetween)
    {
        lineBreakBetween = false;
        var stream = (ITokenStream)parser.InputStream;
        for (var i = token.TokenIndex - 1; i >= 0; i--)
        {
            var candidate = stream.Get(i);
            if (candidate.Channel != TokenConstants.DefaultChannel)
            {
                continue;
            }

            if (candidate.Type == NL)
            {
                lineBreakBetween = true;
                continue;
            }

            return candidate;
        }

        return null;
    }

    private SourceSpan SpanOf(IToken token) => token.Type switch
    {
        TokenConstants.EOF => _diagnostics.SpanAt(int.MaxValue, 0),
        // A missing token at the end of a line is reported where the line ends, not on the next line.
        NL => _diagnostics.SpanAt(token.StartIndex, 0),
        _ => _diagnostics.SpanAt(token.StartIndex, token.StopIndex - token.StartIndex + 1),
    };
}
