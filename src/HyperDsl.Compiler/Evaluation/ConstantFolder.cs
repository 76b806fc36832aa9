using System.Collections.Immutable;
using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Lowering;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Compiler.Evaluation;

/// <summary>
/// Computes expressions that depend on no sampled parameter or loop variable. A fixed value
/// written once in params ('t = 20', 'half = t / 2') is a constant like a number written out, so
/// 'trials t' means what 'trials 20' does.
/// </summary>
internal static class ConstantFolder
{
    public static Value? TryFold(ExpressionSyntax expression, SemanticModel model) => TryFold(LoweredExpressions.Of(model).Of(expression), model);

    /// <summary>The value of <paramref name="expression"/> when it is the same at every point, else null.</summary>
    public static Value? TryFold(LoweredExpression expression, SemanticModel model)
    {
        var names = LoweredWalker.Expressions(expression)
            .Where(e => e is LoweredParameterReference or LoweredBlockParameterReference or LoweredLoopVariable or LoweredModelStatistic).ToList();
        if (names.Any(e => e is not LoweredParameterReference { Parameter: { IsFixed: true, IsConditional: false } }))
        {
            return null;
        }

        // Only fixed values are named; they are constants when nothing they use is sampled.
        var space = new SpaceEnumerator(model);
        if (names.Count > 0 && space.Dependencies([expression]).Count > 0)
        {
            return null;
        }

        try
        {
            var value = space.Evaluator.Evaluate(expression, new Environment(new Dictionary<ParameterSymbol, Value>()));
            return value is InactiveValue or OpaqueValue ? null : value;
        }
        catch (EvaluationException)
        {
            return null;
        }
    }

    /// <summary>
    /// <paramref name="expression"/> with each part that is the same at every point (a fixed value
    /// from params, 'root = "data/train"') replaced by its value written out, so code that runs
    /// before any point exists (loading the data) can print it; the rest is kept as it was.
    /// </summary>
    public static LoweredExpression Inline(LoweredExpression expression, SemanticModel model)
    {
        if (!LoweredWalker.Expressions(expression).Any(e => e is LoweredParameterReference))
        {
            return expression;
        }

        if (TryFold(expression, model) is { } value && Written(value, expression.Type, expression.Span) is { } written)
        {
            return written;
        }

        return expression switch
        {
            LoweredCall call => call with { Arguments = [.. call.Arguments.Select(a => a with { Value = Inline(a.Value, model) })] },
            LoweredList list => list with { Items = [.. list.Items.Select(i => Inline(i, model))] },
            LoweredQuantity quantity => quantity with { Amount = Inline(quantity.Amount, model) },
            _ => expression,
        };
    }

    // A value as the literal that means it, of the expression's type and at its span; null for values no literal writes.
    private static LoweredExpression? Written(Value value, HypType type, SourceSpan span) => value switch
    {
        IntValue or FloatValue or StringValue or BoolValue or DurationValue => new LoweredLiteral(value, span) { Type = type },
        KeywordValue keyword => new LoweredKeyword(keyword.Keyword, span) { Type = type },
        ListValue list when type is ListType { Element: var element } && Items(list, element, span) is { } items => new LoweredList(items, span) { Type = type },
        QuantityValue quantity when type is QuantityType => new LoweredQuantity(Number(quantity.Amount, span), quantity.Unit, span) { Type = type },
        _ => null,
    };

    private static ImmutableArray<LoweredExpression>? Items(ListValue list, HypType element, SourceSpan span)
    {
        var items = ImmutableArray.CreateBuilder<LoweredExpression>(list.Items.Length);
        foreach (var item in list.Items)
        {
            if (Written(item, element, span) is not { } written)
            {
                return null;
            }

            items.Add(written);
        }

        return items.MoveToImmutable();
    }

    // An amount is a whole count where it is one (a quantity's value is a double).
    private static LoweredLiteral Number(double amount, SourceSpan span) => amount == Math.Floor(amount) && Math.Abs(amount) < 9e15
        ? new LoweredLiteral(new IntValue((long)amount), span) { Type = IntType.Instance }
        : new LoweredLiteral(new FloatValue(amount), span) { Type = FloatType.Instance };
}
