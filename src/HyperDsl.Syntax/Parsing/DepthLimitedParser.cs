using Antlr4.Runtime;
using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Parsing.Generated;

namespace HyperDsl.Syntax.Parsing;

/// <summary>
/// The generated parser with a bound on rule nesting. Recursive descent on pathological input
/// (ten thousand '(' in a row) would otherwise overflow the stack, which .NET cannot catch.
/// </summary>
internal sealed class DepthLimitedParser : HypParser
{
    // Brackets are limited before parsing (SpecParser.MaxBracketDepth) and expressions by
    // SyntaxLimits.MaxExpressionDepth; this backstop catches what nests without either, such
    // as a thousand 'else if' in a row.
    public const int MaxRuleDepth = 1000;

    private readonly DiagnosticCollector _diagnostics;
    private int _depth;
    private int _expressionDepth;

    public DepthLimitedParser(ITokenStream input, DiagnosticCollector diagnostics)
        : base(input)
    {
        _diagnostics = diagnostics;
    }

    public override void EnterRule(ParserRuleContext localctx, int state, int ruleIndex)
    {
        Descend();
        base.EnterRule(localctx, state, ruleIndex);
    }

    public override void EnterRecursionRule(ParserRuleContext localctx, int state, int ruleIndex, int precedence)
    {
        Descend();

        // `expression` is the only recursion rule. Its generated frame is about 4 KB in a release
        // build, so right-nested chains (`2 ^ 2 ^ ...`, `- - ...`) are the ones that reach the
        // stack's end first: they stop at the same depth the AST builder allows (HYP0018).
        if (++_expressionDepth > SyntaxLimits.MaxExpressionDepth)
        {
            var token = CurrentToken;
            var start = token.Type == TokenConstants.EOF ? int.MaxValue : token.StartIndex;
            _diagnostics.Items.Add(SyntaxDiagnostics.ExpressionNestedTooDeep(_diagnostics.SpanAt(start, token.StopIndex - token.StartIndex + 1)));
            throw new ParseAbandonedException();
        }

        base.EnterRecursionRule(localctx, state, ruleIndex, precedence);
    }

    public override void ExitRule()
    {
        _depth--;
        base.ExitRule();
    }

    public override void UnrollRecursionContexts(ParserRuleContext _parentctx)
    {
        _depth--;
        _expressionDepth--;
        base.UnrollRecursionContexts(_parentctx);
    }

    public override void Reset()
    {
        _depth = 0;
        _expressionDepth = 0;
        base.Reset();
    }

    private void Descend()
    {
        if (++_depth <= MaxRuleDepth)
        {
            return;
        }

        var token = CurrentToken;
        var start = token.Type == TokenConstants.EOF ? int.MaxValue : token.StartIndex;
        _diagnostics.Items.Add(SyntaxDiagnostics.RulesTooDeep(_diagnostics.SpanAt(start, token.StopIndex - token.StartIndex + 1)));
        throw new ParseAbandonedException();
    }
}
