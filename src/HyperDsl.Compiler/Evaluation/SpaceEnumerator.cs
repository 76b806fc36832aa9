using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Lowering;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Compiler.Evaluation;

/// <summary>
/// Lists the points of the part of the space that an expression depends on: every combination
/// of the values of its sampled parameters, with conditional parameters inactive where their
/// condition fails. Continuous ranges, and spaces past <see cref="Limit"/> points, are
/// represented by a few values per parameter instead, and the result says it is not exhaustive.
/// </summary>
internal sealed class SpaceEnumerator
{
    public const long Limit = CheckLimits.MaxEnumeratedPoints;

    private readonly LoweredExpressions _lowered;
    private readonly Evaluator _evaluator;
    private readonly CheckBudget _budget;
    private readonly Dictionary<ParameterSymbol, HashSet<ParameterSymbol>> _closures = [];

    public SpaceEnumerator(SemanticModel model, CheckBudget? budget = null)
    {
        _lowered = LoweredExpressions.Of(model);
        _budget = budget ?? CheckBudget.Unlimited;
        _evaluator = new Evaluator(model, _budget);
    }

    /// <summary>The evaluator this enumerator evaluates with (and spends the same budget).</summary>
    public Evaluator Evaluator => _evaluator;

    /// <summary>The sampled parameters that <paramref name="expressions"/> depend on, through derived values and conditions, in declaration order.</summary>
    public IReadOnlyList<ParameterSymbol> Dependencies(IEnumerable<ExpressionSyntax> expressions) => Dependencies(expressions.Select(_lowered.Of));

    /// <summary>The sampled parameters that <paramref name="expressions"/> depend on, through derived values and conditions, in declaration order.</summary>
    public IReadOnlyList<ParameterSymbol> Dependencies(IEnumerable<LoweredExpression> expressions)
    {
        var found = new HashSet<ParameterSymbol>();
        foreach (var parameter in expressions.SelectMany(ParametersIn))
        {
            if (!found.Contains(parameter))
            {
                found.UnionWith(Closure(parameter));
            }
        }

        return [.. found.Where(p => !p.IsFixed && p.Domain is not null).OrderBy(p => p.Index)];
    }

    // A parameter and every parameter its condition and value use, directly or not. Kept: every
    // argument that uses the end of a long chain of derived parameters asks for the same chain.
    private HashSet<ParameterSymbol> Closure(ParameterSymbol parameter)
    {
        if (_closures.TryGetValue(parameter, out var closure))
        {
            return closure;
        }

        closure = [parameter];
        var work = new Stack<ParameterSymbol>([parameter]);
        while (work.Count > 0)
        {
            var next = work.Pop();
            IEnumerable<ExpressionSyntax> uses = [.. next.Condition is { } c ? [c] : Array.Empty<ExpressionSyntax>(),
                .. next.Syntax is FixedParameterSyntax f ? [f.Value] : Array.Empty<ExpressionSyntax>()];
            foreach (var used in uses.Select(_lowered.Of).SelectMany(ParametersIn))
            {
                if (closure.Add(used))
                {
                    if (_closures.TryGetValue(used, out var known))
                    {
                        closure.UnionWith(known);
                    }
                    else
                    {
                        work.Push(used);
                    }
                }
            }
        }

        _closures[parameter] = closure;
        return closure;
    }

    /// <summary>The points of <paramref name="parameters"/>: every one where there are at most <see cref="Limit"/>, else (or when asked) representative values.</summary>
    public EnumerationResult Enumerate(IReadOnlyList<ParameterSymbol> parameters, bool representativesOnly = false)
    {
        var exhaustive = !representativesOnly && parameters.All(p => p.Domain!.IsFinite) && Product(parameters.Select(p => p.Domain!.Count)) <= Limit;
        var values = parameters.Select(p => exhaustive ? p.Domain!.Values.ToList() : p.Domain!.Representatives.ToList()).ToList();
        if (!exhaustive && Product(values.Select(v => (long)v.Count)) > Limit)
        {
            // Even the representatives are too many together: a fixed-seed sample of their
            // combinations, with every representative of every parameter appearing.
            return new EnumerationResult(Sample(parameters, values), false);
        }

        return new EnumerationResult(Points(parameters, values), exhaustive);
    }

    private const int SampleSize = 20_000;

    // A point costs its copy and the environments built on it besides its evaluations: about
    // as much as evaluating five expression nodes (measured), plus one per parameter.
    private const int PointCost = 5;

    private IEnumerable<Dictionary<ParameterSymbol, Value>> Sample(IReadOnlyList<ParameterSymbol> parameters, List<List<Value>> values)
    {
        var random = new Random(12345);
        for (var i = 0; i < SampleSize; i++)
        {
            _budget.Spend(PointCost + parameters.Count);
            var point = new Dictionary<ParameterSymbol, Value>();
            for (var p = 0; p < parameters.Count; p++)
            {
                var parameter = parameters[p];
                if (parameter.Condition is { } condition && Evaluator.IsTrue(SafeEvaluate(condition, new Environment(point))) != true)
                {
                    point[parameter] = InactiveValue.Instance;
                    continue;
                }

                var choices = values[p];
                point[parameter] = choices[i < choices.Count ? i : random.Next(choices.Count)];
            }

            yield return point;
        }
    }

    // Every combination, the last parameter changing fastest, like an odometer. A parameter
    // whose condition fails where it stands is inactive and takes no values there. Iterative:
    // the parameters may be many.
    private IEnumerable<Dictionary<ParameterSymbol, Value>> Points(IReadOnlyList<ParameterSymbol> parameters, List<List<Value>> values)
    {
        var point = new Dictionary<ParameterSymbol, Value>();
        var position = new int[parameters.Count];
        var index = 0;
        var descending = true;
        while (index >= 0)
        {
            if (index == parameters.Count)
            {
                _budget.Spend(PointCost + parameters.Count);
                yield return new Dictionary<ParameterSymbol, Value>(point);
                index--;
                descending = false;
                continue;
            }

            var parameter = parameters[index];
            if (descending)
            {
                position[index] = 0;
                if (parameter.Condition is { } condition && Evaluator.IsTrue(SafeEvaluate(condition, new Environment(point))) != true)
                {
                    // Inactive: one way through, marked by a position past the values.
                    point[parameter] = InactiveValue.Instance;
                    position[index] = int.MaxValue;
                    index++;
                    continue;
                }
            }
            else if (position[index] == int.MaxValue || ++position[index] >= values[index].Count)
            {
                point.Remove(parameter);
                index--;
                continue;
            }

            if (values[index].Count == 0)
            {
                point.Remove(parameter);
                index--;
                descending = false;
                continue;
            }

            point[parameter] = values[index][position[index]];
            index++;
            descending = true;
        }
    }

    /// <summary>
    /// The largest (or smallest) number <paramref name="expression"/> takes over the points it
    /// depends on; null when it takes no number anywhere. Over a continuous range the points are
    /// representatives that include its ends, so a monotone expression's extreme is exact.
    /// </summary>
    public double? Extreme(ExpressionSyntax expression, bool max) => Extreme(_lowered.Of(expression), max);

    /// <summary>The largest (or smallest) number <paramref name="expression"/> takes over the space, or null when it takes none.</summary>
    public double? Extreme(LoweredExpression expression, bool max)
    {
        var values = Enumerate(Dependencies([expression])).Points
            .Select(p => SafeEvaluate(expression, new Environment(p)).AsNumber)
            .OfType<double>()
            .ToList();
        return values.Count == 0 ? null : max ? values.Max() : values.Min();
    }

    public Value SafeEvaluate(ExpressionSyntax expression, Environment environment) => SafeEvaluate(_lowered.Of(expression), environment);

    /// <summary><paramref name="expression"/>'s value at the point, or inactive where it cannot be computed.</summary>
    public Value SafeEvaluate(LoweredExpression expression, Environment environment)
    {
        try
        {
            return _evaluator.Evaluate(expression, environment);
        }
        catch (EvaluationException)
        {
            return InactiveValue.Instance;
        }
    }

    private static IEnumerable<ParameterSymbol> ParametersIn(LoweredExpression expression) =>
        LoweredWalker.Expressions(expression).OfType<LoweredParameterReference>().Select(r => r.Parameter);

    public static long Product(IEnumerable<long> counts)
    {
        long product = 1;
        foreach (var count in counts)
        {
            if (count <= 0)
            {
                return 0;
            }

            product = product > long.MaxValue / count ? long.MaxValue : product * count;
        }

        return product;
    }

    /// <summary>"depth = 5 and width = 64": the active parameters of a point, as a counterexample.</summary>
    public static string Describe(IReadOnlyDictionary<ParameterSymbol, Value> point, IEnumerable<ParameterSymbol>? only = null)
    {
        var shown = point.Where(p => p.Value is not InactiveValue && (only is null || only.Contains(p.Key)))
            .OrderBy(p => p.Key.Index)
            .Select(p => $"{p.Key.Name} = {DiagnosticText.Excerpt(p.Value.Display)}")
            .ToList();
        return shown.Count switch
        {
            0 => "",
            1 => shown[0],
            _ => string.Join(", ", shown.Take(shown.Count - 1)) + " and " + shown[^1],
        };
    }
}

/// <summary>The points of an enumeration, and whether they are every point or representatives.</summary>
internal sealed record EnumerationResult(IEnumerable<Dictionary<ParameterSymbol, Value>> Points, bool Exhaustive);
