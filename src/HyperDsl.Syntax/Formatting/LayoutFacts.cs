using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using HyperDsl.Syntax.Parsing.Generated;

namespace HyperDsl.Syntax.Formatting;

/// <summary>
/// What the parse tree tells the formatter about single tokens, by token index: which line breaks
/// end a statement, which operators are unary, which brackets belong to a call or an index, and
/// which names and patterns line up in columns (settings, parameters, match arms).
/// </summary>
internal sealed class LayoutFacts
{
    /// <summary>Line breaks that separate statements, settings, members or arms (the others continue a line).</summary>
    public HashSet<int> Separators { get; } = [];

    /// <summary>Prefix operators: no space after them (except <c>not</c>).</summary>
    public HashSet<int> UnaryOperators { get; } = [];

    /// <summary>'(' of an argument or parameter list and '[' of an index: glued to what precedes them.</summary>
    public HashSet<int> GluedOpeners { get; } = [];

    /// <summary>Names padded to a column width: the token after them starts at name start + width + 1.</summary>
    public Dictionary<int, int> NameColumns { get; } = [];

    /// <summary><c>require</c> keywords in a params section whose names are this wide; aligned only when the author aligned them.</summary>
    public Dictionary<int, int> RequireColumns { get; } = [];

    /// <summary>'=>' of match arms that line up: the width of the widest pattern of their match.</summary>
    public Dictionary<int, int> ArrowColumns { get; } = [];

    /// <summary>First tokens of a setting's or parameter's value: a continuation line of that member lines up with them.</summary>
    public HashSet<int> ValueStarts { get; } = [];

    private readonly List<Action> _alignments = [];
    private readonly IList<IToken> _tokens;

    private LayoutFacts(IList<IToken> tokens) => _tokens = tokens;

    /// <summary>The facts of a parse tree over <paramref name="tokens"/>, the full token list (trivia included).</summary>
    public static LayoutFacts Of(HypParser.SpecContext tree, IList<IToken> tokens)
    {
        var facts = new LayoutFacts(tokens);

        // Iterative: a chain of ten thousand operators is a parse tree ten thousand deep.
        foreach (var node in Nodes(tree))
        {
            facts.Note(node);
        }

        // Columns last: a pattern's width depends on facts (unary operators) found inside it.
        foreach (var align in facts._alignments)
        {
            align();
        }

        return facts;
    }

    private static IEnumerable<IParseTree> Nodes(IParseTree root)
    {
        var pending = new Stack<IParseTree>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            yield return node;
            for (var i = node.ChildCount - 1; i >= 0; i--)
            {
                pending.Push(node.GetChild(i));
            }
        }
    }

    private void Note(IParseTree node)
    {
        switch (node)
        {
            case HypParser.SepContext or HypParser.ItemSepContext:
                AddLineBreaks((ParserRuleContext)node);
                break;
            case HypParser.UnaryExpressionContext unary:
                UnaryOperators.Add(unary.op.TokenIndex);
                break;
            case HypParser.ArgumentsContext arguments:
                GluedOpeners.Add(arguments.LPAREN().Symbol.TokenIndex);
                break;
            case HypParser.BlockParametersContext parameters:
                GluedOpeners.Add(parameters.LPAREN().Symbol.TokenIndex);
                break;
            case HypParser.IndexExpressionContext index:
                GluedOpeners.Add(index.LBRACK().Symbol.TokenIndex);
                break;
            case HypParser.SettingsBodyContext settings:
                _alignments.Add(() => AlignSettings(settings));
                break;
            case HypParser.ParamsBodyContext parameters:
                _alignments.Add(() => AlignParameters(parameters));
                break;
            case HypParser.MatchStatementBodyContext body:
                _alignments.Add(() => AlignArms(body.matchStatementArm().Select(arm => (arm.patterns(), arm.ARROW().Symbol))));
                break;
            case HypParser.MatchExpressionBodyContext body:
                _alignments.Add(() => AlignArms(body.matchArm().Select(arm => (arm.patterns(), arm.ARROW().Symbol))));
                break;
        }
    }

    private void AddLineBreaks(ParserRuleContext separator)
    {
        foreach (var child in separator.children ?? [])
        {
            if (child is ITerminalNode { Symbol.Type: HypLexer.NL } lineBreak)
            {
                Separators.Add(lineBreak.Symbol.TokenIndex);
            }
        }
    }

    // Settings with a value form one column per section, as in `epochs    10` over
    // `optimizer adam(lr: lr)`; a block setting (`augment { ... }`) stands apart.
    private void AlignSettings(HypParser.SettingsBodyContext body)
    {
        var names = new List<IToken>();
        foreach (var setting in body.setting())
        {
            var (name, value) = setting switch
            {
                HypParser.ValueSettingContext { name: var n } valueSetting when valueSetting.argument().Length > 0 => (n.Start, valueSetting.argument(0).Start),
                HypParser.ObjectiveSettingContext objective => (objective.OBJECTIVE().Symbol, objective.objective(0).Start),
                HypParser.TrySettingContext trySetting => (trySetting.TRY().Symbol, trySetting.LBRACE().Symbol),
                _ => ((IToken?)null, (IToken?)null),
            };
            if (name is null || value is null)
            {
                continue;
            }

            ValueStarts.Add(value.TokenIndex);
            if (StartsLine(name))
            {
                names.Add(name);
            }
        }

        AddColumn(names);
    }

    // `name ~ distribution` and `name = value` share one column; `require` follows it only where
    // the author lined it up (the examples do both).
    private void AlignParameters(HypParser.ParamsBodyContext body)
    {
        var names = new List<IToken>();
        var requires = new List<IToken>();
        foreach (var member in body.paramsMember())
        {
            switch (member)
            {
                case HypParser.SampledParameterContext sampled:
                    ValueStarts.Add(sampled.distribution().Start.TokenIndex);
                    AddIfStartsLine(names, sampled.name.Start);
                    break;
                case HypParser.FixedParameterContext fixedParameter:
                    ValueStarts.Add(fixedParameter.value.Start.TokenIndex);
                    AddIfStartsLine(names, fixedParameter.name.Start);
                    break;
                case HypParser.RequireConstraintContext require:
                    ValueStarts.Add(require.condition.Start.TokenIndex);
                    AddIfStartsLine(requires, require.REQUIRE().Symbol);
                    break;
            }
        }

        var width = AddColumn(names);
        foreach (var require in requires)
        {
            RequireColumns[require.TokenIndex] = width;
        }
    }

    private void AlignArms(IEnumerable<(HypParser.PatternsContext Patterns, IToken Arrow)> arms)
    {
        var aligned = arms
            .Where(arm => StartsLine(arm.Patterns.Start) && arm.Patterns.Start.Line == arm.Arrow.Line)
            .Select(arm => (arm.Arrow, Width: PatternWidth(arm.Patterns)))
            .ToList();
        var width = aligned.Count == 0 ? 0 : aligned.Max(arm => arm.Width);
        foreach (var (arrow, _) in aligned)
        {
            ArrowColumns[arrow.TokenIndex] = width;
        }
    }

    private int AddColumn(List<IToken> names)
    {
        var width = names.Count == 0 ? 0 : names.Max(name => name.Text.Length);
        foreach (var name in names)
        {
            NameColumns[name.TokenIndex] = width;
        }

        return width;
    }

    private void AddIfStartsLine(List<IToken> tokens, IToken token)
    {
        if (StartsLine(token))
        {
            tokens.Add(token);
        }
    }

    // Read from the source, before the formatter moves anything: only whitespace before the
    // token on its line.
    private bool StartsLine(IToken token)
    {
        for (var i = token.TokenIndex - 1; i >= 0; i--)
        {
            if (_tokens[i].Type != HypLexer.WS)
            {
                return _tokens[i].Type == HypLexer.NL;
            }
        }

        return true;
    }

    // The width a pattern takes once formatted: its tokens with the spacing the formatter gives them.
    private int PatternWidth(HypParser.PatternsContext patterns)
    {
        var tokens = Nodes(patterns).OfType<ITerminalNode>().Select(terminal => terminal.Symbol).ToList();
        var width = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            width += tokens[i].Text.Length + (i == 0 ? 0 : TokenSpacing.Between(tokens[i - 1], tokens[i], this));
        }

        return width;
    }
}
