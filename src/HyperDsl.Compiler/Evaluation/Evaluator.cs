using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Lowering;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Evaluation;

/// <summary>
/// Computes lowered expressions at a point of the space (an expression written in the spec is
/// computed as lowering reads it, so the checker, the summary and the generated code agree on
/// every value). Inactive conditional parameters evaluate to <see cref="InactiveValue"/>, which
/// propagates quietly: misuse of them is the condition checker's to report.
/// </summary>
internal sealed class Evaluator
{
    private readonly CheckBudget _budget;
    private readonly LoweredExpressions _lowered;
    private readonly Dictionary<ParameterSymbol, ParameterSymbol[]> _dependencies = [];

    public Evaluator(SemanticModel model, CheckBudget? budget = null)
    {
        _lowered = LoweredExpressions.Of(model);
        _budget = budget ?? CheckBudget.Unlimited;
    }

    /// <summary>Computes <paramref name="expression"/> at <paramref name="environment"/>'s point, as lowering reads it.</summary>
    public Value Evaluate(ExpressionSyntax expression, Environment environment) => Evaluate(_lowered.Of(expression), environment);

    /// <summary>Computes <paramref name="expression"/> at <paramref name="environment"/>'s point.</summary>
    public Value Evaluate(LoweredExpression expression, Environment environment)
    {
        _budget.Spend();
        return EvaluateNode(expression, environment);
    }

    private Value EvaluateNode(LoweredExpression expression, Environment environment) => expression switch
    {
        LoweredLiteral literal => literal.Value,
        LoweredParameterReference reference => ValueOf(reference.Parameter, environment),
        LoweredBlockParameterReference reference => environment.TryGet(reference.Parameter, out var value) ? value : InactiveValue.Instance,
        LoweredLoopVariable variable => environment.TryGet(variable.Variable, out var value) ? value : InactiveValue.Instance,
        LoweredChoice choice => choice.Choice,
        LoweredKeyword keyword => new KeywordValue(keyword.Keyword),
        LoweredLayerName layer => new StringValue(layer.Name),
        LoweredList list => new ListValue([.. list.Items.Select(i => Evaluate(i, environment))]),
        LoweredUnary unary => EvaluateUnary(unary, environment),
        LoweredBinary binary => EvaluateBinary(binary, environment),
        LoweredQuantity quantity => Evaluate(quantity.Amount, environment) switch
        {
            ListValue list => new ListValue([.. list.Items.Select(i => i.AsNumber is { } n ? new QuantityValue(n, quantity.Unit) : i)]),
            var v when v.AsNumber is { } n => new QuantityValue(n, quantity.Unit),
            var v => v,
        },
        LoweredModelStatistic statistic => environment.ModelStatistic?.Invoke(statistic.Name) is { } known
            ? new IntValue(known)
            : new OpaqueValue(statistic.Name),
        LoweredIndex index => EvaluateIndex(index, environment),
        LoweredCall call => EvaluateCall(call, environment),
        LoweredIf conditional => IsTrue(Evaluate(conditional.Condition, environment)) is { } holds
            ? Evaluate(holds ? conditional.Then : conditional.Else, environment)
            : InactiveValue.Instance,
        LoweredMatch match => EvaluateMatch(match, environment),

        // Only in specs with errors, whose misuse the binder has reported.
        _ => new OpaqueValue("?"),
    };

    /// <summary>true, false, or null when the value is not a bool (inactive, say).</summary>
    public static bool? IsTrue(Value value) => value is BoolValue b ? b.Value : null;

    public Value ValueOf(ParameterSymbol parameter, Environment environment)
    {
        if (!environment.TryGet(parameter, out var value))
        {
            // Derived parameters can form a chain as long as the parameter list. Computing the
            // ones this one needs first, in declaration order (each only uses earlier ones), keeps
            // the recursion one parameter deep however long the chain is.
            foreach (var needed in UnknownDependencies(parameter, environment))
            {
                Compute(needed, environment);
            }

            value = Compute(parameter, environment);
        }

        return value is FailedValue failed ? throw failed.Error : value;
    }

    private Value Compute(ParameterSymbol parameter, Environment environment)
    {
        Value value;
        try
        {
            if (parameter.Condition is { } condition && IsTrue(Evaluate(_lowered.Of(condition), environment)) != true)
            {
                value = InactiveValue.Instance;
            }
            else if (parameter.Syntax is FixedParameterSyntax fixedValue)
            {
                value = Evaluate(_lowered.Of(fixedValue.Value), environment);
            }
            else
            {
                // Not part of this enumeration: any value of the domain stands for all.
                value = parameter.Domain?.Representatives.FirstOrDefault() ?? InactiveValue.Instance;
            }
        }
        catch (EvaluationException error)
        {
            // Computed ahead of need: the error belongs to whoever uses the value, if anyone does.
            value = new FailedValue(error);
        }

        environment.Remember(parameter, value);
        return value;
    }

    // The parameters that the parameter's condition and value use, directly or through others,
    // whose values are not known yet, in declaration order.
    private List<ParameterSymbol> UnknownDependencies(ParameterSymbol parameter, Environment environment)
    {
        var found = new HashSet<ParameterSymbol>();
        var pending = new Stack<ParameterSymbol>(DirectDependencies(parameter));
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (next != parameter && !environment.TryGet(next, out _) && found.Add(next))
            {
                foreach (var further in DirectDependencies(next))
                {
                    pending.Push(further);
                }
            }
        }

        // Finding and ordering them costs about as much as evaluating them.
        _budget.Spend(found.Count);
        return [.. found.OrderBy(p => p.Index)];
    }

    private ParameterSymbol[] DirectDependencies(ParameterSymbol parameter)
    {
        if (!_dependencies.TryGetValue(parameter, out var direct))
        {
            IEnumerable<ExpressionSyntax> roots = [.. parameter.Condition is { } c ? [c] : Array.Empty<ExpressionSyntax>(),
                .. parameter.Syntax is FixedParameterSyntax f ? [f.Value] : Array.Empty<ExpressionSyntax>()];
            direct = [.. roots.SelectMany(root => LoweredWalker.Expressions(_lowered.Of(root))).OfType<LoweredParameterReference>().Select(r => r.Parameter).Distinct()];
            _dependencies[parameter] = direct;
        }

        return direct;
    }

    /// <summary>A parameter computed ahead of need whose value is an error; using it throws the error.</summary>
    private sealed record FailedValue(EvaluationException Error) : Value
    {
        public override string Display => "?";
    }

    private Value EvaluateUnary(LoweredUnary unary, Environment environment)
    {
        var operand = Evaluate(unary.Operand, environment);
        return (unary.Operator, operand) switch
        {
            (UnaryOperator.Not, BoolValue b) => b.Value ? BoolValue.False : BoolValue.True,
            (UnaryOperator.Negate, IntValue i) => new IntValue(-i.Value),
            (UnaryOperator.Negate, FloatValue f) => new FloatValue(-f.Value),
            (UnaryOperator.Negate, QuantityValue q) => q with { Amount = -q.Amount },
            (UnaryOperator.Plus, _) => operand,
            _ => InactiveValue.Instance,
        };
    }

    private Value EvaluateBinary(LoweredBinary binary, Environment environment)
    {
        switch (binary.Operator)
        {
            case BinaryOperator.And:
                return IsTrue(Evaluate(binary.Left, environment)) switch
                {
                    false => BoolValue.False,
                    true => Evaluate(binary.Right, environment),
                    null => InactiveValue.Instance,
                };
            case BinaryOperator.Or:
                return IsTrue(Evaluate(binary.Left, environment)) switch
                {
                    true => BoolValue.True,
                    false => Evaluate(binary.Right, environment),
                    null => InactiveValue.Instance,
                };
            case BinaryOperator.Then:
                return new OpaqueValue("schedule");
        }

        var left = Evaluate(binary.Left, environment);
        var right = Evaluate(binary.Right, environment);
        if (left is InactiveValue || right is InactiveValue)
        {
            return binary.Operator is BinaryOperator.Equal ? BoolValue.False : binary.Operator is BinaryOperator.NotEqual ? BoolValue.True : InactiveValue.Instance;
        }

        switch (binary.Operator)
        {
            case BinaryOperator.Equal:
                return ValuesEqual(left, right) ? BoolValue.True : BoolValue.False;
            case BinaryOperator.NotEqual:
                return ValuesEqual(left, right) ? BoolValue.False : BoolValue.True;
            case BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual:
                return Compare(binary.Operator, Number(left), Number(right));
            case BinaryOperator.In:
                return right switch
                {
                    ListValue list => list.Items.Any(item => ValuesEqual(left, item)) ? BoolValue.True : BoolValue.False,
                    RangeValue range when left is IntValue i => i.Value >= range.Start && i.Value < range.End ? BoolValue.True : BoolValue.False,
                    _ => BoolValue.False,
                };
            case BinaryOperator.RangeInclusive or BinaryOperator.RangeExclusive:
                if (left is IntValue start && right is IntValue end)
                {
                    return new RangeValue(start.Value, binary.Operator == BinaryOperator.RangeInclusive ? end.Value + 1 : end.Value);
                }

                return InactiveValue.Instance;
        }

        return Arithmetic(binary, left, right);
    }

    private static Value Arithmetic(LoweredBinary binary, Value left, Value right)
    {
        if (left is QuantityValue || right is QuantityValue)
        {
            var unit = (left as QuantityValue ?? (QuantityValue)right).Unit;
            var amount = binary.Operator switch
            {
                BinaryOperator.Add => Number(left) + Number(right),
                BinaryOperator.Subtract => Number(left) - Number(right),
                _ => Number(left) * Number(right),
            };
            return new QuantityValue(amount, unit);
        }

        if (left is IntValue a && right is IntValue b)
        {
            switch (binary.Operator)
            {
                case BinaryOperator.Add:
                    return new IntValue(a.Value + b.Value);
                case BinaryOperator.Subtract:
                    return new IntValue(a.Value - b.Value);
                case BinaryOperator.Multiply:
                    return new IntValue(a.Value * b.Value);
                case BinaryOperator.Divide:
                    if (b.Value == 0)
                    {
                        throw DivisionByZero(binary.Span);
                    }

                    if (a.Value % b.Value != 0)
                    {
                        throw DivisionNotWhole(binary.Span, a.Value, b.Value);
                    }

                    return new IntValue(a.Value / b.Value);
                case BinaryOperator.Power:
                    if (b.Value < 0)
                    {
                        throw NegativeIntPower(binary.Span, b.Value);
                    }

                    return new IntValue((long)Math.Pow(a.Value, b.Value));
            }
        }

        var x = Number(left);
        var y = Number(right);
        return new FloatValue(binary.Operator switch
        {
            BinaryOperator.Add => x + y,
            BinaryOperator.Subtract => x - y,
            BinaryOperator.Multiply => x * y,
            BinaryOperator.Divide => x / y,
            _ => Math.Pow(x, y),
        });
    }

    private Value EvaluateIndex(LoweredIndex index, Environment environment)
    {
        var target = Evaluate(index.Target, environment);
        var position = Evaluate(index.Index, environment);
        if (target is ListValue list && position is IntValue i)
        {
            if (i.Value < 0 || i.Value >= list.Items.Length)
            {
                throw IndexOutsideList(index.Index.Span, i.Value, list.Items.Length);
            }

            return list.Items[(int)i.Value];
        }

        return InactiveValue.Instance;
    }

    private Value EvaluateCall(LoweredCall call, Environment environment)
    {
        // The values of a variadic parameter arrive as one list; a function takes them one by one.
        var values = call.Arguments.SelectMany(a => call.Entry.Find(a.Parameter) is { Variadic: true } && a.Value is LoweredList list ? list.Items : [a.Value]);
        if (call.Entry.Kind != EntryKind.Function)
        {
            // An optimizer, schedule or transform is no value here, but its arguments are computed
            // at the point all the same: 'sgd(lr: rates[pick])' fails where the index is past the end.
            foreach (var value in values)
            {
                Evaluate(value, environment);
            }

            return new OpaqueValue(call.Entry.Name);
        }

        // A call missing an argument was reported by the binder; it has no value.
        if (call.Entry.Parameters.Any(p => p.Required && !call.Arguments.Any(a => a.Parameter == p.Name)))
        {
            return new OpaqueValue(call.Entry.Name);
        }

        // In the entry's parameter order, as the generated code passes them, however they were written.
        var arguments = values.Select(v => Evaluate(v, environment)).ToList();
        if (arguments.Any(a => a is InactiveValue))
        {
            return InactiveValue.Instance;
        }

        // The entry carries the meaning; a function entry without one fails loudly (a HyperDsl bug), never picks another function.
        return call.Entry.FunctionMeaning.Evaluate(arguments);
    }

    private Value EvaluateMatch(LoweredMatch match, Environment environment)
    {
        var subject = Evaluate(match.Subject, environment);
        foreach (var arm in match.Arms)
        {
            if (Matches(subject, arm.Patterns, environment))
            {
                return Evaluate(arm.Value, environment);
            }
        }

        return InactiveValue.Instance;
    }

    /// <summary>Whether <paramref name="subject"/> matches one of <paramref name="patterns"/>, as written.</summary>
    public bool Matches(Value subject, IEnumerable<PatternSyntax> patterns, Environment environment) =>
        patterns.Any(pattern => pattern is WildcardPatternSyntax
            || (pattern is ExpressionPatternSyntax value && ValuesEqual(subject, Evaluate(value.Value, environment))));

    /// <summary>Whether <paramref name="subject"/> matches one of the lowered <paramref name="patterns"/> (null is the wildcard).</summary>
    public bool Matches(Value subject, IEnumerable<LoweredExpression?> patterns, Environment environment) =>
        patterns.Any(pattern => pattern is null || ValuesEqual(subject, Evaluate(pattern, environment)));

    public static bool ValuesEqual(Value left, Value right) =>
        left.AsNumber is { } x && right.AsNumber is { } y ? x == y : left == right;

    private static BoolValue Compare(BinaryOperator op, double x, double y) => (op switch
    {
        BinaryOperator.Less => x < y,
        BinaryOperator.LessOrEqual => x <= y,
        BinaryOperator.Greater => x > y,
        _ => x >= y,
    }) ? BoolValue.True : BoolValue.False;

    private static double Number(Value value) => value switch
    {
        IntValue i => i.Value,
        FloatValue f => f.Value,
        QuantityValue q => q.Amount,
        _ => double.NaN,
    };
}
