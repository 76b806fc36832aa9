using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;
using static HyperDsl.Syntax.Parsing.Generated.HypParser;

namespace HyperDsl.Syntax.Parsing;

/// <summary>
/// Turns the ANTLR parse tree into the immutable AST. The only code that sees parse-tree
/// contexts. After error recovery any child may be missing: it becomes a missing node
/// (the parser has already reported why), so the builder itself never fails.
/// </summary>
internal sealed class AstBuilder
{
    private const double LargestExactInteger = 9007199254740992; // 2^53

    private readonly SourceFile _file;
    private readonly List<Diagnostic> _diagnostics;

    // How many BuildExpression calls are under way: 0 when the next one builds a whole expression.
    private int _expressionNesting;

    public AstBuilder(SourceFile file, List<Diagnostic> diagnostics)
    {
        _file = file;
        _diagnostics = diagnostics;
    }

    public SpecSyntax BuildSpec(SpecContext context)
    {
        var members = ImmutableArray.CreateBuilder<TopLevelSyntax>();
        foreach (var member in context.topLevel())
        {
            if (BuildTopLevel(member) is { } built)
            {
                members.Add(built);
            }
        }

        return new SpecSyntax(members.ToImmutable(), new SourceSpan(_file, new TextSpan(0, _file.Text.Length)));
    }

    private TopLevelSyntax? BuildTopLevel(TopLevelContext context)
    {
        if (context.importDecl() is { } import)
        {
            return new ImportSyntax(BuildString(import.path, import), Span(import));
        }

        if (context.experimentDecl() is { } experiment)
        {
            var body = experiment.experimentBody();
            var sections = body is null ? [] : body.section().Select(BuildSection).OfType<SectionSyntax>().ToImmutableArray();
            var parent = experiment.parent is null ? null : BuildIdentifier(experiment.parent, experiment);
            return new ExperimentSyntax(BuildIdentifier(experiment.name, experiment), parent, sections, Span(experiment));
        }

        if (context.blockDecl() is { } block)
        {
            var parameters = block.blockParameters()?.blockParameter().Select(BuildBlockParameter).ToImmutableArray() ?? [];
            return new BlockDeclarationSyntax(BuildIdentifier(block.name, block), parameters, BuildStatements(block.statementBlock()), Span(block));
        }

        return null;
    }

    private BlockParameterSyntax BuildBlockParameter(BlockParameterContext context)
    {
        TypeReferenceSyntax? type = null;
        if (context.type is { } typeContext)
        {
            type = new TypeReferenceSyntax(BuildIdentifier(typeContext.identifier(), typeContext), typeContext.QUESTION() is not null, Span(typeContext));
        }

        var defaultValue = context.ASSIGN() is null ? null : BuildExpression(context.defaultValue, context);
        return new BlockParameterSyntax(BuildIdentifier(context.name, context), type, defaultValue, Span(context));
    }

    private SectionSyntax? BuildSection(SectionContext context) => context switch
    {
        DataSectionContext data => BuildSettingsSection(SectionKind.Data, data, data.settingsBody()),
        TrainSectionContext train => BuildSettingsSection(SectionKind.Train, train, train.settingsBody()),
        TuneSectionContext tune => BuildSettingsSection(SectionKind.Tune, tune, tune.settingsBody()),
        ParamsSectionContext parameters => new ParamsSectionSyntax(
            parameters.paramsBody()?.paramsMember().Select(BuildParamsMember).OfType<ParamsMemberSyntax>().ToImmutableArray() ?? [],
            Span(parameters)),
        ModelSectionContext model => new ModelSectionSyntax(BuildStatements(model.statementBlock()), Span(model)),
        _ => null,
    };

    private SettingsSectionSyntax BuildSettingsSection(SectionKind kind, SectionContext section, SettingsBodyContext? body)
    {
        var settings = body?.setting().Select(BuildSetting).OfType<SettingSyntax>().ToImmutableArray() ?? [];
        return new SettingsSectionSyntax(kind, settings, Span(section));
    }

    private SettingSyntax? BuildSetting(SettingContext context) => context switch
    {
        ValueSettingContext value => new ValueSettingSyntax(
            BuildIdentifier(value.name, value), value.argument().Select(BuildArgument).ToImmutableArray(), Span(value)),
        BlockSettingContext block => new BlockSettingSyntax(BuildIdentifier(block.name, block), BuildStatements(block.statementBlock()), Span(block)),
        ObjectiveSettingContext objective => new ObjectiveSettingSyntax(
            KeywordIdentifier(objective.OBJECTIVE()),
            objective.objective().Select(BuildObjective).ToImmutableArray(),
            Span(objective)),
        TrySettingContext attempt => new TrySettingSyntax(
            KeywordIdentifier(attempt.TRY()),
            attempt.assignment().Select(a => new AssignmentSyntax(BuildIdentifier(a.name, a), BuildExpression(a.value, a), Span(a))).ToImmutableArray(),
            Span(attempt)),
        _ => null,
    };

    private ObjectiveSyntax BuildObjective(ObjectiveContext context)
    {
        var direction = context.direction?.Type == MINIMIZE ? OptimizationDirection.Minimize : OptimizationDirection.Maximize;
        return new ObjectiveSyntax(direction, BuildExpression(context.metric, context), Span(context));
    }

    private ParamsMemberSyntax? BuildParamsMember(ParamsMemberContext context) => context switch
    {
        SampledParameterContext sampled => new SampledParameterSyntax(
            BuildIdentifier(sampled.name, sampled),
            BuildExpression(sampled.distribution()?.expression(), sampled),
            sampled.WHEN() is null ? null : BuildExpression(sampled.condition, sampled),
            Span(sampled)),
        FixedParameterContext fixedValue => new FixedParameterSyntax(
            BuildIdentifier(fixedValue.name, fixedValue),
            BuildExpression(fixedValue.value, fixedValue),
            fixedValue.WHEN() is null ? null : BuildExpression(fixedValue.condition, fixedValue),
            Span(fixedValue)),
        RequireConstraintContext require => new RequireSyntax(BuildExpression(require.condition, require), Span(require)),
        _ => null,
    };

    // ---- statements -------------------------------------------------------------------

    private ImmutableArray<StatementSyntax> BuildStatements(StatementBlockContext? block) =>
        block is null ? [] : block.statement().Select(BuildStatement).OfType<StatementSyntax>().ToImmutableArray();

    private StatementSyntax? BuildStatement(StatementContext context) => context switch
    {
        LayerStatementContext layer => BuildLayer(layer.layer(), layer),
        ForStatementContext loop => new ForSyntax(
            BuildLoopVariable(loop.variable, loop), BuildExpression(loop.range, loop), BuildStatements(loop.statementBlock()), Span(loop)),
        ConditionalStatementContext conditional => conditional.ifStatement() is { } ifStatement ? BuildIfStatement(ifStatement) : null,
        MatchStatementContext match => new MatchStatementSyntax(
            BuildExpression(match.subject, match),
            match.matchStatementBody()?.matchStatementArm().Select(BuildMatchStatementArm).ToImmutableArray() ?? [],
            Span(match)),
        ResidualStatementContext residual => new ResidualSyntax(
            BuildArguments(residual.arguments()), BuildStatements(residual.statementBlock()), Span(residual)),
        FreezeAllStatementContext freezeAll => new FreezeSyntax(true, freezeAll.layerPath().Select(BuildLayerPath).ToImmutableArray(), Span(freezeAll)),
        FreezeStatementContext freeze => new FreezeSyntax(false, freeze.layerPath().Select(BuildLayerPath).ToImmutableArray(), Span(freeze)),
        ReplaceStatementContext replace => new ReplaceSyntax(
            replace.target is null ? new LayerPathSyntax([], EmptySpanAfter(replace.Start)) : BuildLayerPath(replace.target),
            BuildLayer(replace.replacement, replace),
            Span(replace)),
        SkipStatementContext skip => new SkipSyntax(
            skip.verb.Type switch { SAVE => SkipKind.Save, CONCAT => SkipKind.Concat, _ => SkipKind.Add },
            BuildIdentifier(skip.name, skip),
            Span(skip)),
        _ => null,
    };

    private IdentifierSyntax BuildLoopVariable(LoopVariableContext? context, ParserRuleContext owner) =>
        context?.UNDERSCORE()?.Symbol is { } wildcard && !IsConjured(wildcard)
            ? new IdentifierSyntax("_", Span(wildcard))
            : BuildIdentifier(context?.identifier(), owner);

    private IfStatementSyntax BuildIfStatement(IfStatementContext context)
    {
        ImmutableArray<StatementSyntax> elseBody = [];
        if (context.elseIf is { } elseIf)
        {
            elseBody = [BuildIfStatement(elseIf)];
        }
        else if (context.elseBlock is { } elseBlock)
        {
            elseBody = BuildStatements(elseBlock);
        }

        return new IfStatementSyntax(BuildExpression(context.condition, context), BuildStatements(context.thenBlock), elseBody, Span(context));
    }

    private MatchStatementArmSyntax BuildMatchStatementArm(MatchStatementArmContext context)
    {
        var body = context.statementBlock() is { } block
            ? BuildStatements(block)
            : context.statement() is { } statement && BuildStatement(statement) is { } built ? [built] : [];
        return new MatchStatementArmSyntax(BuildPatterns(context.patterns()), body, Span(context));
    }

    private LayerSyntax BuildLayer(LayerContext? context, ParserRuleContext owner)
    {
        if (context is null)
        {
            return new LayerSyntax(MissingIdentifier(owner), [], false, EmptySpanAfter(owner.Stop ?? owner.Start));
        }

        var arguments = context.arguments();
        return new LayerSyntax(BuildIdentifier(context.name, context), BuildArguments(arguments), arguments is not null, Span(context));
    }

    private LayerPathSyntax BuildLayerPath(LayerPathContext context)
    {
        var segments = context.layerPathSegment()
            .Select(segment => segment.identifier() is { } identifier
                ? BuildIdentifier(identifier, segment)
                : new IdentifierSyntax(segment.NUMBER()?.GetText() ?? string.Empty, Span(segment)))
            .ToImmutableArray();
        return new LayerPathSyntax(segments, Span(context));
    }

    // ---- expressions --------------------------------------------------------------------

    private ExpressionSyntax BuildExpression(ExpressionContext? context, ParserRuleContext owner)
    {
        _expressionNesting++;
        ExpressionSyntax built;
        try
        {
            built = BuildExpressionCore(context, owner);
        }
        finally
        {
            _expressionNesting--;
        }

        // Left-nested chains are built without recursion, so only here can their length be
        // refused before the checker, the evaluator and the code generator recurse through it.
        if (_expressionNesting == 0 && ExpressionDepth.Of(built) is var depth and > SyntaxLimits.MaxExpressionDepth)
        {
            _diagnostics.Add(SyntaxDiagnostics.ExpressionTooDeep(built.Span, depth));
        }

        return built;
    }

    private ExpressionSyntax BuildExpressionCore(ExpressionContext? context, ParserRuleContext owner)
    {
        if (context is null)
        {
            return new MissingExpressionSyntax(EmptySpanAfter(owner.Stop ?? owner.Start));
        }

        // Left-recursive alternatives nest to the left; long chains such as `a + b + c + ...`
        // are unwound with a loop so that their length never costs stack depth.
        var spine = new Stack<ExpressionContext>();
        var current = context;
        while (LeftOperand(current) is { } left)
        {
            spine.Push(current);
            current = left;
        }

        var result = BuildNonLeftRecursive(current);
        while (spine.Count > 0)
        {
            result = Combine(spine.Pop(), result);
        }

        return result;
    }

    private static ExpressionContext? LeftOperand(ExpressionContext context) => context switch
    {
        BinaryExpressionContext binary => binary.left,
        MemberAccessExpressionContext member => member.target,
        IndexExpressionContext index => index.target,
        QuantityExpressionContext quantity => quantity.value,
        _ => null,
    };

    private ExpressionSyntax Combine(ExpressionContext context, ExpressionSyntax left)
    {
        var span = Span(context);
        return context switch
        {
            BinaryExpressionContext binary => new BinarySyntax(BinaryOperatorOf(binary.op), left, BuildExpression(binary.right, binary), span),
            MemberAccessExpressionContext member => new MemberAccessSyntax(left, BuildIdentifier(member.member, member), span),
            IndexExpressionContext index => new IndexSyntax(left, BuildExpression(index.index, index), span),
            QuantityExpressionContext quantity => new QuantitySyntax(left, UnitOf(quantity.unit), span),
            _ => new MissingExpressionSyntax(span),
        };
    }

    private ExpressionSyntax BuildNonLeftRecursive(ExpressionContext context) => context switch
    {
        PrimaryExpressionContext primary => BuildPrimary(primary.primary(), primary),
        UnaryExpressionContext unary => new UnarySyntax(UnaryOperatorOf(unary.op), BuildExpression(unary.operand, unary), Span(unary)),
        _ => new MissingExpressionSyntax(Span(context)),
    };

    private ExpressionSyntax BuildPrimary(PrimaryContext? context, ParserRuleContext owner)
    {
        if (context is null)
        {
            return new MissingExpressionSyntax(Span(owner));
        }

        var span = Span(context);
        switch (context)
        {
            case NumberLiteralContext number:
                return BuildNumber(number.NUMBER()?.Symbol, span);
            case DurationLiteralContext duration:
                return BuildDuration(duration.DURATION()?.Symbol, span);
            case StringLiteralContext text:
                return BuildString(text.STRING()?.Symbol, text);
            case BooleanLiteralContext boolean:
                return new BooleanLiteralSyntax(boolean.value?.Type == TRUE, span);
            case ListLiteralContext list:
                return new ListSyntax(list.expression().Select(item => BuildExpression(item, list)).ToImmutableArray(), span);
            case ParenthesizedExpressionContext parenthesized:
                return BuildExpression(parenthesized.expression(), parenthesized);
            case CallExpressionContext call:
                return new CallSyntax(BuildIdentifier(call.callee, call), BuildArguments(call.arguments()), span);
            case NameExpressionContext name:
                return new NameSyntax(BuildIdentifier(name.identifier(), name).Name, span);
            case ConditionalExpressionContext conditional:
                return conditional.ifExpression() is { } ifExpression ? BuildIfExpression(ifExpression) : new MissingExpressionSyntax(span);
            case MatchExpressionContext match:
                var arms = match.matchExpressionBody()?.matchArm()
                    .Select(arm => new MatchArmSyntax(BuildPatterns(arm.patterns()), BuildExpression(arm.value, arm), Span(arm)))
                    .ToImmutableArray() ?? [];
                return new MatchExpressionSyntax(BuildExpression(match.subject, match), arms, span);
            default:
                return new MissingExpressionSyntax(span);
        }
    }

    private IfExpressionSyntax BuildIfExpression(IfExpressionContext context)
    {
        var elseValue = context.elseIf is { } elseIf ? BuildIfExpression(elseIf) : BuildExpression(context.elseValue, context);
        return new IfExpressionSyntax(BuildExpression(context.condition, context), BuildExpression(context.thenValue, context), elseValue, Span(context));
    }

    private ImmutableArray<PatternSyntax> BuildPatterns(PatternsContext? context) =>
        context is null
            ? []
            : context.pattern().Select(pattern => pattern switch
            {
                WildcardPatternContext wildcard => (PatternSyntax)new WildcardPatternSyntax(Span(wildcard)),
                ExpressionPatternContext value => new ExpressionPatternSyntax(BuildExpression(value.expression(), value), Span(value)),
                _ => new ExpressionPatternSyntax(new MissingExpressionSyntax(Span(pattern)), Span(pattern)),
            }).ToImmutableArray();

    private ImmutableArray<ArgumentSyntax> BuildArguments(ArgumentsContext? context) =>
        context is null ? [] : context.argument().Select(BuildArgument).ToImmutableArray();

    private ArgumentSyntax BuildArgument(ArgumentContext context)
    {
        var name = context.name is null ? null : BuildIdentifier(context.name, context);
        return new ArgumentSyntax(name, BuildExpression(context.value, context), Span(context));
    }

    // ---- literals -------------------------------------------------------------------------

    private ExpressionSyntax BuildNumber(IToken? token, SourceSpan span)
    {
        if (token is null || IsConjured(token))
        {
            return new MissingExpressionSyntax(span);
        }

        var text = token.Text;
        var digits = text.Replace("_", string.Empty, StringComparison.Ordinal);
        var scale = digits[^1] switch { 'k' => 1e3, 'M' => 1e6, 'G' => 1e9, _ => 1d };
        if (scale != 1)
        {
            digits = digits[..^1];
        }

        if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            // A malformed number, reported when it was lexed.
            return new NumberLiteralSyntax(text, 0, true, span);
        }

        value *= scale;
        var whole = Math.Floor(value) == value;
        var isInteger = whole && (scale != 1 || digits.IndexOfAny(['.', 'e', 'E']) < 0);
        if (double.IsInfinity(value) || (isInteger && value > LargestExactInteger))
        {
            _diagnostics.Add(SyntaxDiagnostics.NumberOutOfRange(span, text));
        }

        return new NumberLiteralSyntax(text, value, isInteger, span);
    }

    private ExpressionSyntax BuildDuration(IToken? token, SourceSpan span)
    {
        if (token is null || IsConjured(token))
        {
            return new MissingExpressionSyntax(span);
        }

        var text = token.Text;
        var amount = double.Parse(text[..^1].Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);
        var seconds = text[^1] switch { 's' => amount, 'm' => amount * 60, 'h' => amount * 3600, _ => amount * 86400 };
        if (seconds >= TimeSpan.MaxValue.TotalSeconds)
        {
            _diagnostics.Add(SyntaxDiagnostics.NumberOutOfRange(span, text));
            return new DurationLiteralSyntax(text, TimeSpan.MaxValue, span);
        }

        return new DurationLiteralSyntax(text, TimeSpan.FromSeconds(seconds), span);
    }

    private StringLiteralSyntax BuildString(IToken? token, ParserRuleContext owner)
    {
        if (token is null || IsConjured(token))
        {
            return new StringLiteralSyntax(string.Empty, EmptySpanAfter(owner.Stop ?? owner.Start));
        }

        var span = Span(token);
        var text = token.Text;
        // An unterminated string reaches the parser as a string; drop its opening quote only.
        var end = text.Length >= 2 && text[^1] == '"' && !EndsWithEscapedQuote(text) ? text.Length - 1 : text.Length;
        return new StringLiteralSyntax(Unescape(text, 1, end, token.StartIndex), span);
    }

    private static bool EndsWithEscapedQuote(string text)
    {
        var backslashes = 0;
        for (var i = text.Length - 2; i >= 1 && text[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }

    private string Unescape(string text, int start, int end, int tokenOffset)
    {
        if (text.IndexOf('\\', start) < 0)
        {
            return text[start..end];
        }

        var builder = new StringBuilder(end - start);
        for (var i = start; i < end; i++)
        {
            if (text[i] != '\\')
            {
                builder.Append(text[i]);
                continue;
            }

            var escapeStart = i;
            if (i + 1 >= end)
            {
                // Only an unterminated string can end in a lone backslash; that is reported already.
                break;
            }

            var next = text[++i];
            switch (next)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case '0': builder.Append('\0'); break;
                case 'u':
                    var close = text.IndexOf('}', i);
                    if (i + 1 < end && text[i + 1] == '{' && close > i + 2 && close < end
                        && int.TryParse(text.AsSpan(i + 2, close - i - 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var codePoint)
                        && codePoint <= 0x10FFFF && codePoint is < 0xD800 or > 0xDFFF)
                    {
                        builder.Append(char.ConvertFromUtf32(codePoint));
                        i = close;
                    }
                    else
                    {
                        var length = close > i && close < end ? close - escapeStart + 1 : 2;
                        var escape = text.Substring(escapeStart, length);
                        var span = new SourceSpan(_file, Clamp(tokenOffset + escapeStart, length));
                        _diagnostics.Add(IsHexEscape(escape)
                            ? SyntaxDiagnostics.InvalidCodePoint(span, DiagnosticText.Excerpt(escape))
                            : SyntaxDiagnostics.InvalidEscape(span, DiagnosticText.Excerpt(escape)));
                        i = escapeStart + length - 1;
                    }

                    break;
                default:
                    AddInvalidEscape(tokenOffset + escapeStart, text.Substring(escapeStart, char.IsSurrogate(next) && i + 1 < end ? 3 : 2));
                    break;
            }
        }

        return builder.ToString();
    }

    private static bool IsHexEscape(string escape) =>
        escape.Length > 4 && escape.StartsWith("\\u{", StringComparison.Ordinal) && escape[^1] == '}' && escape[3..^1].All(char.IsAsciiHexDigit);

    private void AddInvalidEscape(int offset, string escape) =>
        _diagnostics.Add(SyntaxDiagnostics.InvalidEscape(new SourceSpan(_file, Clamp(offset, escape.Length)), DiagnosticText.Excerpt(escape)));

    // ---- names, operators and spans ---------------------------------------------------------

    private IdentifierSyntax BuildIdentifier(IdentifierContext? context, ParserRuleContext owner)
    {
        if (context?.Start is not { } token || IsConjured(token) || context.ChildCount == 0 || context.exception is not null)
        {
            return MissingIdentifier(owner);
        }

        return new IdentifierSyntax(token.Text, Span(token));
    }

    private IdentifierSyntax MissingIdentifier(ParserRuleContext owner) =>
        new(string.Empty, EmptySpanAfter(owner.Stop ?? owner.Start));

    private IdentifierSyntax KeywordIdentifier(ITerminalNode? keyword) =>
        keyword?.Symbol is { } token ? new IdentifierSyntax(token.Text, Span(token)) : new IdentifierSyntax(string.Empty, new SourceSpan(_file, default));

    private static BinaryOperator BinaryOperatorOf(IToken? op) => op?.Type switch
    {
        CARET => BinaryOperator.Power,
        STAR => BinaryOperator.Multiply,
        SLASH => BinaryOperator.Divide,
        PLUS => BinaryOperator.Add,
        MINUS => BinaryOperator.Subtract,
        DOTDOT => BinaryOperator.RangeInclusive,
        DOTDOTLESS => BinaryOperator.RangeExclusive,
        EQ => BinaryOperator.Equal,
        NE => BinaryOperator.NotEqual,
        LT => BinaryOperator.Less,
        LE => BinaryOperator.LessOrEqual,
        GT => BinaryOperator.Greater,
        GE => BinaryOperator.GreaterOrEqual,
        IN => BinaryOperator.In,
        AND => BinaryOperator.And,
        OR => BinaryOperator.Or,
        _ => BinaryOperator.Then,
    };

    private static UnaryOperator UnaryOperatorOf(IToken? op) => op?.Type switch
    {
        MINUS => UnaryOperator.Negate,
        PLUS => UnaryOperator.Plus,
        _ => UnaryOperator.Not,
    };

    private static QuantityUnit UnitOf(IToken? unit) => unit?.Type switch
    {
        STEP or STEPS => QuantityUnit.Steps,
        PERCENT => QuantityUnit.Percent,
        _ => QuantityUnit.Epochs,
    };

    // Tokens invented by single-token insertion have no place in the text.
    private static bool IsConjured(IToken token) => token.StartIndex < 0 || token.TokenIndex < 0;

    private SourceSpan Span(IToken token) =>
        IsConjured(token) ? new SourceSpan(_file, default) : new SourceSpan(_file, Clamp(token.StartIndex, token.StopIndex - token.StartIndex + 1));

    private SourceSpan Span(ParserRuleContext context)
    {
        var start = context.Start;
        if (start is null || IsConjured(start))
        {
            return new SourceSpan(_file, default);
        }

        var stop = context.Stop;
        var end = stop is null || IsConjured(stop) || stop.StopIndex < start.StartIndex || stop.Type == TokenConstants.EOF
            ? start.StartIndex
            : stop.StopIndex + 1;
        if (start.Type == TokenConstants.EOF)
        {
            return new SourceSpan(_file, Clamp(_file.Text.Length, 0));
        }

        return new SourceSpan(_file, Clamp(start.StartIndex, end - start.StartIndex));
    }

    private SourceSpan EmptySpanAfter(IToken? token)
    {
        if (token is null || IsConjured(token) || token.Type == TokenConstants.EOF)
        {
            return new SourceSpan(_file, Clamp(token is { Type: TokenConstants.EOF } ? _file.Text.Length : 0, 0));
        }

        return new SourceSpan(_file, Clamp(token.StopIndex + 1, 0));
    }

    private TextSpan Clamp(int start, int length)
    {
        start = Math.Clamp(start, 0, _file.Text.Length);
        return new TextSpan(start, Math.Clamp(length, 0, _file.Text.Length - start));
    }
}
