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
    // About a hundred levels of brackets or blocks: far beyond any real spec, far below the stack.
    public const int MaxRuleDepth = 400;

    private readonly DiagnosticCollector _diagnostics;
    private int _depth;

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
        base.UnrollRecursionContexts(_parentctx);
    }

    public override void Reset()
    {
        _depth = 0;
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
        _diagnostics.Items.Add(SyntaxDiagnostics.NestingTooDeep(_diagnostics.SpanAt(start, token.StopIndex - token.StartIndex + 1), MaxRuleDepth / 4));
        throw new ParseAbandonedException();
    }
}
