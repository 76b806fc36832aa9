using System.Collections.Immutable;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Binding;

/// <summary>
/// Resolves the names in expressions and works out their types, reporting HYP1xxx problems.
/// Bare names are resolved by what is expected where they stand: a parameter or loop variable
/// first, then a keyword of the argument (<c>same</c>), a choice of an enum (<c>sgd</c>), or a
/// catalogue entry that needs no arguments (<c>cross_entropy</c>).
/// </summary>
internal sealed class ExpressionBinder
{
    private readonly SemanticModel _model;
    private readonly List<Diagnostic> _diagnostics;
    private readonly List<ConditionalUse> _conditionalUses;
    private readonly Suggestions _suggestions;

    public ExpressionBinder(SemanticModel model, List<Diagnostic> diagnostics, List<ConditionalUse> conditionalUses, Suggestions suggestions)
    {
        _model = model;
        _diagnostics = diagnostics;
        _conditionalUses = conditionalUses;
        _suggestions = suggestions;
    }

    public HypType Bind(ExpressionSyntax expression, BindingContext context, ArgSpec? expected = null)
    {
        var type = BindCore(expression, context, expected);
        _model.SetType(expression, type);
        return type;
    }

    /// <summary>Binds a value where <paramref name="expected"/> says what fits, reporting a mismatch.</summary>
    public HypType BindExpecting(ExpressionSyntax expression, BindingContext context, ArgSpec expected, string what)
    {
        var type = Bind(expression, context, expected);
        if (type is ErrorType || expected.AcceptsType(type) || (type is KeywordType keyword && expected.Keywords.Contains(keyword.Keyword)))
        {
            return type;
        }

        // A choice among the argument's own keywords ('padding: pad' with 'pad ~ choice(same, valid)') means the chosen keyword.
        if (type is EnumType choices && expected.Keywords.Length > 0 && choices.Members.All(expected.Keywords.Contains))
        {
            return type;
        }

        var help = type is IntType or FloatType && expected.Types.OfType<QuantityType>().FirstOrDefault() is { } unit
            ? WriteWithUnit(expression, unit)
            : DurationHelp(expression, type, expected);
        _diagnostics.Add(ValueTypeMismatch(expression.Span, what, expected, expression, type, help));
        return ErrorType.Instance;
    }

    // '30M' where a duration goes: M scales by a million; minutes are a lowercase m.
    private static string? DurationHelp(ExpressionSyntax expression, HypType type, ArgSpec expected) =>
        type is IntType or FloatType && expected.Types.Any(t => t is DurationType) && expression is NumberLiteralSyntax { Text: var text } && text.EndsWith('M')
            ? MillionNotMinutes(text)
            : null;

    public HypType BindCondition(ExpressionSyntax expression, BindingContext context, string what)
    {
        var type = Bind(expression, context, Expect(BoolType.Instance));
        if (type is not (BoolType or ErrorType))
        {
            _diagnostics.Add(ConditionNotBool(expression.Span, what, expression, type));
        }

        return type;
    }

    private HypType BindCore(ExpressionSyntax expression, BindingContext context, ArgSpec? expected) => expression switch
    {
        NumberLiteralSyntax number => number.IsInteger ? IntType.Instance : FloatType.Instance,
        StringLiteralSyntax => StringType.Instance,
        BooleanLiteralSyntax => BoolType.Instance,
        DurationLiteralSyntax => DurationType.Instance,
        NameSyntax name => BindName(name, context, expected),
        ListSyntax list => BindList(list, context, expected),
        UnarySyntax unary => BindUnary(unary, context),
        BinarySyntax binary => BindBinary(binary, context),
        QuantitySyntax quantity => BindQuantity(quantity, context),
        MemberAccessSyntax member => BindMemberAccess(member, context),
        IndexSyntax index => BindIndex(index, context),
        CallSyntax call => BindCall(call, context, expected),
        IfExpressionSyntax conditional => BindIf(conditional, context, expected),
        MatchExpressionSyntax match => BindMatch(match, context, expected),
        _ => ErrorType.Instance,
    };

    private HypType BindName(NameSyntax name, BindingContext context, ArgSpec? expected)
    {
        if (context.Scope.Lookup(name.Name) is { } symbol)
        {
            _model.Resolve(name, symbol);
            if (symbol is ParameterSymbol parameter)
            {
                parameter.IsUsed = true;
                if (parameter.IsConditional && !context.InactiveAllowed)
                {
                    _conditionalUses.Add(new ConditionalUse(parameter, name, context.Facts));
                }
            }

            return symbol.Type;
        }

        if (expected is not null)
        {
            if (expected.TakesLayerNames)
            {
                _model.Resolve(name, new StringValue(name.Name));
                return StringType.Instance;
            }

            if (expected.Keywords.Contains(name.Name))
            {
                _model.Resolve(name, new KeywordValue(name.Name));
                return new KeywordType(name.Name);
            }

            foreach (var type in expected.Types)
            {
                if (type is EnumType enumType && enumType.Members.Contains(name.Name))
                {
                    _model.Resolve(name, new EnumValue(name.Name));
                    return enumType;
                }

                if (type is ObjectType objectType && BuiltinCatalog.Find(name.Name) is { } entry && entry.Kind == objectType.Kind
                    && entry.Parameters.All(p => !p.Required))
                {
                    _model.Resolve(name, entry);
                    return objectType;
                }
            }

            if (expected.Types.OfType<EnumType>().FirstOrDefault() is { } choices)
            {
                _diagnostics.Add(NotAChoice(name.Span, name.Name, choices, _suggestions.Help(name.Name, choices.Members)));
                return ErrorType.Instance;
            }
        }

        var candidates = context.Scope.Names()
            .Concat(expected?.Keywords ?? [])
            .Concat(expected?.Types.OfType<ObjectType>().SelectMany(o => BuiltinCatalog.NamesOf(o.Kind)) ?? []);
        _diagnostics.Add(UnknownName(name.Span, name.Name, _suggestions.Help(name.Name, candidates), expected?.Keywords ?? [], context.HiddenScope?.Lookup(name.Name) as ParameterSymbol));
        return ErrorType.Instance;
    }

    private HypType BindList(ListSyntax list, BindingContext context, ArgSpec? expected)
    {
        var element = expected?.Types.OfType<ListType>().FirstOrDefault()?.Element;
        var elementSpec = element is null
            ? (expected is null ? null : expected with { Types = [] })
            : expected! with { Types = [element] };
        HypType? result = null;
        foreach (var item in list.Items)
        {
            var type = Bind(item, context, elementSpec);
            result = result is null ? type : Unify(result, type, item);
        }

        return new ListType(result ?? ErrorType.Instance);
    }

    private HypType BindUnary(UnarySyntax unary, BindingContext context)
    {
        if (unary.Operator == UnaryOperator.Not)
        {
            BindCondition(unary.Operand, context, "'not'");
            return BoolType.Instance;
        }

        var operand = Bind(unary.Operand, context);
        if (operand is IntType or FloatType or QuantityType or ErrorType)
        {
            return operand;
        }

        _diagnostics.Add(SignNeedsNumber(unary.Span, unary.Operator == UnaryOperator.Negate, unary.Operand, operand));
        return ErrorType.Instance;
    }

    private HypType BindBinary(BinarySyntax binary, BindingContext context)
    {
        switch (binary.Operator)
        {
            case BinaryOperator.And or BinaryOperator.Or:
                BindCondition(binary.Left, context, $"'{OperatorText.Of(binary.Operator)}'");
                // The right side is only evaluated where the left decided nothing yet.
                BindCondition(binary.Right, context.WithFact(new ConditionFact(binary.Left, binary.Operator == BinaryOperator.And)), $"'{OperatorText.Of(binary.Operator)}'");
                return BoolType.Instance;

            case BinaryOperator.Then:
                foreach (var side in new[] { binary.Left, binary.Right })
                {
                    var type = Bind(side, context, Expect(new ObjectType(EntryKind.Schedule)));
                    if (type is not (ErrorType or ObjectType { Kind: EntryKind.Schedule }))
                    {
                        _diagnostics.Add(ThenJoinsNonSchedule(side.Span, side, type));
                    }
                }

                return new ObjectType(EntryKind.Schedule);

            case BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.Less or BinaryOperator.LessOrEqual
                or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual:
                return BindComparison(binary, context);

            case BinaryOperator.In:
                var element = Bind(binary.Left, context);
                var container = Bind(binary.Right, context, element is EnumType ? Expect(new ListType(element)) : null);
                if (container is not (ListType or RangeType or ErrorType))
                {
                    _diagnostics.Add(InNeedsContainer(binary.Right.Span, binary.Right, container));
                }

                return BoolType.Instance;

            case BinaryOperator.RangeInclusive or BinaryOperator.RangeExclusive:
                foreach (var side in new[] { binary.Left, binary.Right })
                {
                    var type = Bind(side, context);
                    if (type is not (IntType or ErrorType))
                    {
                        _diagnostics.Add(RangeEndNotWhole(side.Span, side, type));
                    }
                }

                return RangeType.Instance;

            default:
                return BindArithmetic(binary, context);
        }
    }

    private HypType BindComparison(BinarySyntax binary, BindingContext context)
    {
        var left = Bind(binary.Left, context);
        // A bare name compared with a choice parameter is one of its choices: `optimizer == sgd`.
        var right = Bind(binary.Right, context, left is EnumType ? Expect(left) : null);
        if (left is EnumType && right is ErrorType && binary.Right is NameSyntax)
        {
            return BoolType.Instance;
        }

        if (right is EnumType && left is ErrorType)
        {
            return BoolType.Instance;
        }

        var ordering = binary.Operator is not (BinaryOperator.Equal or BinaryOperator.NotEqual);
        var compatible = (left, right) switch
        {
            (ErrorType, _) or (_, ErrorType) => true,
            (IntType or FloatType, IntType or FloatType) => true,
            (QuantityType a, QuantityType b) => a.Unit == b.Unit,
            (EnumType a, EnumType b) => !ordering && a == b,
            (BoolType, BoolType) or (StringType, StringType) => !ordering,
            _ => false,
        };
        if (!compatible && binary.Left is BinarySyntax { Operator: BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual } inner)
        {
            _diagnostics.Add(ChainedComparison(binary.Span, inner, OperatorText.Of(binary.Operator), binary.Right));
            return BoolType.Instance;
        }

        if (!compatible)
        {
            _diagnostics.Add(CannotCompare(binary.Span, OperatorText.Of(binary.Operator), left, right));
        }

        return BoolType.Instance;
    }

    private HypType BindArithmetic(BinarySyntax binary, BindingContext context)
    {
        var left = Bind(binary.Left, context);
        var right = Bind(binary.Right, context);
        if (left is ErrorType || right is ErrorType)
        {
            return ErrorType.Instance;
        }

        if (left is IntType or FloatType && right is IntType or FloatType)
        {
            // int / int and int ^ int stay ints; the evaluator checks that they are whole.
            return left is IntType && right is IntType ? IntType.Instance : FloatType.Instance;
        }

        if (binary.Operator is BinaryOperator.Add or BinaryOperator.Subtract && left is QuantityType a && right is QuantityType b && a.Unit == b.Unit)
        {
            return left;
        }

        if (binary.Operator == BinaryOperator.Multiply && (left, right) is (IntType or FloatType, QuantityType) or (QuantityType, IntType or FloatType))
        {
            return left as QuantityType ?? right;
        }

        _diagnostics.Add(CannotCombine(binary.Span, OperatorText.Of(binary.Operator), left, right));
        return ErrorType.Instance;
    }

    private HypType BindQuantity(QuantitySyntax quantity, BindingContext context)
    {
        var type = Bind(quantity.Value, context);
        return type switch
        {
            IntType or FloatType => new QuantityType(quantity.Unit),
            ListType { Element: IntType or FloatType } => new ListType(new QuantityType(quantity.Unit)),
            ErrorType => new QuantityType(quantity.Unit),
            _ => Fail(UnitNeedsNumber(quantity.Span, quantity.Value, type)),
        };
    }

    private HypType BindMemberAccess(MemberAccessSyntax member, BindingContext context)
    {
        if (member.Target is NameSyntax { Name: "model" } && context.Scope.Lookup("model") is null)
        {
            if (BuiltinCatalog.FindMetric("model." + member.Member.Name) is { IsStatic: true })
            {
                if (!context.ModelStatisticsAllowed)
                {
                    return Fail(ModelStatisticOutOfPlace(member.Span, member.Member.Name));
                }

                _model.Resolve(member, new KeywordValue("model." + member.Member.Name));
                return IntType.Instance;
            }

            return Fail(UnknownModelMember(member.Member.Span, member.Member.Name, _suggestions.Help(member.Member.Name, BuiltinCatalog.StaticMetrics.Select(m => m["model.".Length..]))));
        }

        var target = Bind(member.Target, context);
        return target is ErrorType ? target : Fail(NoMembers(member.Member.Span, target));
    }

    private HypType BindIndex(IndexSyntax index, BindingContext context)
    {
        var target = Bind(index.Target, context);
        var position = Bind(index.Index, context);
        if (position is not (IntType or ErrorType))
        {
            _diagnostics.Add(IndexNotWhole(index.Index.Span, index.Index, position));
        }

        return target switch
        {
            ListType list => list.Element,
            ErrorType => target,
            _ => Fail(NotIndexable(index.Target.Span, index.Target, target)),
        };
    }

    private HypType BindIf(IfExpressionSyntax conditional, BindingContext context, ArgSpec? expected)
    {
        BindCondition(conditional.Condition, context, "The condition of 'if'");
        var then = Bind(conditional.Then, context.WithFact(new ConditionFact(conditional.Condition, true)), expected);
        var otherwise = Bind(conditional.Else, context.WithFact(new ConditionFact(conditional.Condition, false)), expected);
        return Unify(then, otherwise, conditional.Else);
    }

    private HypType BindMatch(MatchExpressionSyntax match, BindingContext context, ArgSpec? expected)
    {
        var subject = Bind(match.Subject, context);
        HypType? result = null;
        for (var i = 0; i < match.Arms.Length; i++)
        {
            var arm = match.Arms[i];
            BindPatterns(arm.Patterns, subject, context);
            var armContext = context.WithFact(MatchFact.ForArm(match.Subject, match.Arms, i, a => a.Patterns));
            var type = Bind(arm.Value, armContext, expected);
            result = result is null ? type : Unify(result, type, arm.Value);
        }

        ReportUnreachableArms(match.Arms, a => a.Patterns);
        return result ?? ErrorType.Instance;
    }

    /// <summary>Reports the arms of a match whose patterns are bound that can never be chosen (HYP1109).</summary>
    public void ReportUnreachableArms<TArm>(ImmutableArray<TArm> arms, Func<TArm, ImmutableArray<PatternSyntax>> patternsOf) =>
        UnreachableArms.Report(arms, patternsOf, _model, _diagnostics);

    public void BindPatterns(ImmutableArray<PatternSyntax> patterns, HypType subject, BindingContext context)
    {
        foreach (var pattern in patterns.OfType<ExpressionPatternSyntax>())
        {
            var type = Bind(pattern.Value, context, Expect(subject));
            if (type is not ErrorType && subject is not ErrorType && !subject.Accepts(type) && !type.Accepts(subject))
            {
                _diagnostics.Add(PatternTypeMismatch(pattern.Value.Span, type, subject));
            }
        }
    }

    private HypType BindCall(CallSyntax call, BindingContext context, ArgSpec? expected)
    {
        var entry = BuiltinCatalog.Find(call.Callee.Name);
        var wanted = expected?.Types.OfType<ObjectType>().Select(o => o.Kind).ToList() ?? [];
        if (entry is not null && entry.Kind is EntryKind.Layer or EntryKind.Backbone or EntryKind.Transform && wanted.Count > 0)
        {
            _diagnostics.Add(WrongKind(call.Callee.Span, entry, wanted, _suggestions.Help(call.Callee.Name, BuiltinCatalog.NamesOf([.. wanted]))));
            return ErrorType.Instance;
        }

        if (entry is null || (entry.Kind is EntryKind.Layer or EntryKind.Backbone or EntryKind.Transform))
        {
            var candidates = wanted.Count > 0 ? BuiltinCatalog.NamesOf([.. wanted]) : BuiltinCatalog.NamesOf(EntryKind.Function, EntryKind.Distribution);
            var didYouMean = _suggestions.Help(call.Callee.Name, candidates);
            _diagnostics.Add(entry is null
                ? UnknownFunction(call.Callee.Span, call.Callee.Name, wanted.Count > 0 ? wanted[0] : null, didYouMean)
                : ModelEntryInExpression(call.Callee.Span, call.Callee.Name, entry.Kind, didYouMean));
            foreach (var argument in call.Arguments)
            {
                Bind(argument.Value, context);
            }

            return ErrorType.Instance;
        }

        _model.Resolve(call, entry);
        if (wanted.Count > 0 && !wanted.Contains(entry.Kind) && !(entry.Kind == EntryKind.Function && expected!.Types.Any(t => t is IntType or FloatType)))
        {
            _diagnostics.Add(WrongKind(call.Callee.Span, entry, wanted, _suggestions.Help(call.Callee.Name, BuiltinCatalog.NamesOf([.. wanted]))));
            BindArguments(entry.Name, entry.Parameters, call.Arguments, call.Callee, context);
            return ErrorType.Instance;
        }

        var arguments = BindArguments(entry.Name, entry.Parameters, call.Arguments, call.Callee, context);
        return entry.Kind switch
        {
            EntryKind.Function => entry.FunctionMeaning.ResultType(arguments),
            _ => new ObjectType(entry.Kind),
        };
    }

    /// <summary>
    /// Matches arguments to parameters (positional, then named) and binds each value against what
    /// its parameter accepts. Returns the types of the matched parameters' values in order.
    /// </summary>
    public IReadOnlyList<HypType> BindArguments(string owner, ImmutableArray<ArgSpec> parameters, ImmutableArray<ArgumentSyntax> arguments, SyntaxNode ownerNode, BindingContext context)
    {
        var given = new Dictionary<string, ArgumentSyntax>(StringComparer.Ordinal);
        var types = new List<HypType>();
        var position = 0;
        var sawNamed = false;
        foreach (var argument in arguments)
        {
            ArgSpec? spec;
            if (argument.Name is { } name)
            {
                sawNamed = true;
                spec = parameters.FirstOrDefault(p => p.Name == name.Name);
                if (spec is null)
                {
                    _diagnostics.Add(UnknownArgument(name.Span, owner, name.Name, [.. parameters.Select(p => p.Name)], _suggestions.Help(name.Name, parameters.Select(p => p.Name))));
                    Bind(argument.Value, context);
                    continue;
                }
            }
            else
            {
                if (sawNamed)
                {
                    _diagnostics.Add(PositionalAfterNamed(argument.Span));
                }

                spec = position < parameters.Length ? parameters[position] : parameters.LastOrDefault(p => p.Variadic);
                position++;
                if (spec is null)
                {
                    _diagnostics.Add(TooManyArguments(argument.Span, owner, [.. parameters.Select(p => p.Name)]));
                    Bind(argument.Value, context);
                    continue;
                }
            }

            if (!spec.Variadic && !given.TryAdd(spec.Name, argument))
            {
                _diagnostics.Add(DuplicateArgument(argument.Span, owner, spec.Name));
            }

            var argumentContext = context with { InactiveAllowed = !spec.Required && argument.Value is NameSyntax };
            types.Add(spec.Keywords.Length > 0 && spec.Types.IsEmpty
                ? BindKeywordOnly(argument.Value, argumentContext, spec, owner)
                : BindExpecting(argument.Value, argumentContext, spec, $"'{spec.Name}' of '{owner}'"));
        }

        foreach (var missing in parameters.Where(p => p.Required && !p.Variadic && !given.ContainsKey(p.Name)))
        {
            _diagnostics.Add(MissingArgument(ownerNode.Span, owner, missing.Name, parameters.Where(p => p.Required).Select(p => p.Name)));
        }

        if (parameters.FirstOrDefault(p => p.Variadic && p.Required) is { } variadic && position == 0)
        {
            _diagnostics.Add(MissingValues(ownerNode.Span, owner));
        }

        return types;
    }

    private HypType BindKeywordOnly(ExpressionSyntax value, BindingContext context, ArgSpec spec, string owner)
    {
        if (value is NameSyntax name && spec.Keywords.Contains(name.Name) && context.Scope.Lookup(name.Name) is null)
        {
            _model.Resolve(name, new KeywordValue(name.Name));
            var type = new KeywordType(name.Name);
            _model.SetType(value, type);
            return type;
        }

        if (spec.IsMetric && value is NameSyntax metric && context.Scope.Lookup(metric.Name) is null)
        {
            _diagnostics.Add(UnknownMetricArgument(value.Span, metric.Name, spec.Keywords, _suggestions.Help(metric.Name, spec.Keywords)));
            return ErrorType.Instance;
        }

        var bound = Bind(value, context, spec);

        // A choice among the argument's own keywords ('padding_mode: m' with 'm ~ choice(zeros, reflect)') means the chosen keyword.
        if (spec.KeywordsChoosable && bound is EnumType choices && choices.Members.All(spec.Keywords.Contains))
        {
            return bound;
        }

        if (bound is not ErrorType and not KeywordType)
        {
            _diagnostics.Add(KeywordExpected(value.Span, spec, owner, value, bound, value is NameSyntax n ? _suggestions.Help(n.Name, spec.Keywords) : null));
        }

        return bound;
    }

    public static ArgSpec Expect(HypType type) => new("value", [type], [], true, null, null, "");

    private HypType Unify(HypType a, HypType b, SyntaxNode at)
    {
        if (a is ErrorType)
        {
            return b;
        }

        if (b is ErrorType || a == b)
        {
            return a;
        }

        if (a is IntType or FloatType && b is IntType or FloatType)
        {
            return FloatType.Instance;
        }

        if (a is ListType la && b is ListType lb)
        {
            return new ListType(Unify(la.Element, lb.Element, at));
        }

        _diagnostics.Add(MixedTypes(at.Span, a, b));
        return a;
    }

    private HypType Fail(Diagnostic diagnostic)
    {
        _diagnostics.Add(diagnostic);
        return ErrorType.Instance;
    }

    internal static string Article(HypType type) => type switch
    {
        IntType => "an int",
        FloatType => "a float",
        BoolType => "a bool",
        StringType => "a string",
        EnumType e => $"one of {e.Name}'s choices",
        ListType l => $"a list of {l.Element.DisplayName}",
        QuantityType q => q.Unit == QuantityUnit.Percent ? "a percentage" : $"a number of {q.DisplayName}",
        DurationType => "a duration",
        RangeType => "a range",
        KeywordType k => $"the name '{k.Keyword}'",
        ObjectType o => EntryKinds.Describe(o.Kind),
        _ => "of unknown type",
    };

    internal static string Shorten(SyntaxNode node) => Shorten(node.Span);

    /// <summary>The text of <paramref name="span"/> on one line, cut to 60 characters: for messages, never as an identity.</summary>
    internal static string Shorten(SourceSpan span)
    {
        var text = string.Join(" ", span.Text.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
        return text.Length <= 60 ? text : text[..57] + "...";
    }
}
