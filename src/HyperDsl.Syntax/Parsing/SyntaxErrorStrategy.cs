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

    public SyntaxErrorStrategy(DiagnosticCollector diagnostics)
    {
        _diagnostics = diagnostics;
    }

    // Deleting a line break to glue two lines together turns one error into a cascade: the
    // next line's first name would be read as the missing value. Keep line breaks.
    protected override IToken? SingleTokenDeletion(Parser recognizer)
    {
        ArgumentNullException.ThrowIfNull(recognizer);
        // Deleting a closing bracket to reach a line break inside it is never the fix either.
        return recognizer.InputStream.LA(1) is NL or RPAREN or RBRACK or RBRACE ? null : base.SingleTokenDeletion(recognizer);
    }

    // At the start of a `(sep item)*` list ANTLR gives up on the whole rule, so the rest of the
    // line is reported and skipped while the list goes on: a bad setting then costs one line,
    // not the section, and the section's '}' is not taken for the experiment's.
    public override void Sync(Parser recognizer)
    {
        ArgumentNullException.ThrowIfNull(recognizer);
        var state = recognizer.Interpreter.atn.states[recognizer.State];
        if (state.StateType == StateType.StarLoopEntry && !InErrorRecoveryMode(recognizer))
        {
            var next = recognizer.Atn.NextTokens(state);
            var lookahead = recognizer.InputStream.LA(1);
            if (!next.Contains(lookahead) && !next.Contains(TokenConstants.EPSILON))
            {
                if (SingleTokenDeletion(recognizer) is not null)
                {
                    return;
                }

                BeginErrorCondition(recognizer);
                Report(recognizer, recognizer.CurrentToken, recognizer.GetExpectedTokens());
                ConsumeUntil(recognizer, recognizer.GetExpectedTokens().Or(GetErrorRecoverySet(recognizer)));
                return;
            }
        }

        base.Sync(recognizer);
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

        // Prediction looked past the first token, so the tokens before the offending one were fine.
        var span = SpanOf(offending);
        var found = TokenDescriptions.Found(offending);
        if (offending.Type == TokenConstants.EOF && FindUnclosedBracket(recognizer.Context, null) is { } open)
        {
            ReportUnclosed(span, open, found);
            return;
        }

        if (recognizer.Context is ParamsMemberContext && offending.TokenIndex == NextOnChannel(recognizer, e.StartToken).TokenIndex)
        {
            _diagnostics.Add(SyntaxDiagnostics.Expected(span, "'~' (a sampled parameter) or '=' (a fixed value)", TokenDescriptions.Found(e.StartToken), found));
            return;
        }

        _diagnostics.Add(SyntaxDiagnostics.UnexpectedToken(span, found, $"{RuleNoun(recognizer.Context)} to continue differently"));
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
        var span = SpanOf(found);
        var foundText = TokenDescriptions.Found(found);
        var previous = PreviousToken(parser, found);

        if (expected is null || expected.IsNil)
        {
            _diagnostics.Add(SyntaxDiagnostics.UnexpectedToken(span, foundText, "something else here"));
            return;
        }

        if (found.Type == TokenConstants.EOF && FindUnclosedBracket(parser.Context, expected) is { } open)
        {
            ReportUnclosed(span, open, foundText);
            return;
        }

        // Only statement lists accept ';', so it tells "another statement could start here".
        var onSameLine = previous is not null && previous.Line == found.Line && previous.Type is not NL and not SEMI;
        if (onSameLine && expected.Contains(SEMI)
            && (TokenDescriptions.IsNameLike(found.Type) || TokenDescriptions.StatementKeywords.Contains(found.Type)))
        {
            _diagnostics.Add(SyntaxDiagnostics.MissingSeparator(span, foundText));
            return;
        }

        var description = DescribeExpected(parser, expected, found);
        if (unwanted)
        {
            _diagnostics.Add(SyntaxDiagnostics.UnexpectedToken(span, foundText, description));
            return;
        }

        var after = previous is null || previous.Type is NL or SEMI ? null : TokenDescriptions.Found(previous);
        _diagnostics.Add(SyntaxDiagnostics.Expected(span, description, after, foundText));
    }

    private void ReportUnclosed(SourceSpan span, ITerminalNode open, string found)
    {
        var opener = open.Symbol;
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

    private static string RuleNoun(ParserRuleContext? context) => context switch
    {
        ParamsMemberContext => "this parameter",
        SettingContext => "this setting",
        StatementContext or LayerContext => "this statement",
        SectionContext => "this section",
        TopLevelContext or ExperimentDeclContext or BlockDeclContext => "this declaration",
        _ => "this expression",
    };

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

    private static ITerminalNode? FindUnclosedBracket(ParserRuleContext? context, IntervalSet? expected)
    {
        for (; context is not null; context = context.Parent as ParserRuleContext)
        {
            if (context.children is null)
            {
                continue;
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

            if (open.Count > 0 && (expected is null || expected.Contains(CloserType(open.Peek().Symbol.Type))))
            {
                return open.Peek();
            }
        }

        return null;
    }

    private static int CloserType(int opener) => opener switch
    {
        LBRACE => RBRACE,
        LPAREN => RPAREN,
        _ => RBRACK,
    };

    private static string Closer(int opener) => opener switch
    {
        LBRACE => "}",
        LPAREN => ")",
        _ => "]",
    };

    private static IToken? PreviousToken(Parser parser, IToken token)
    {
        var stream = (ITokenStream)parser.InputStream;
        for (var i = token.TokenIndex - 1; i >= 0; i--)
        {
            var candidate = stream.Get(i);
            if (candidate.Channel == TokenConstants.DefaultChannel)
            {
                return candidate;
            }
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
