using HyperDsl.Compiler.Binding;
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
    public const long Limit = 100_000;

    private readonly SemanticModel _model;
    private readonly Evaluator _evaluator;

    public SpaceEnumerator(SemanticModel model)
    {
        _model = model;
        _evaluator = new Evaluator(model);
    }

    /// <summary>The sampled parameters that <paramref name="expressions"/> depend on, through derived values and conditions, in declaration order.</summary>
    public IReadOnlyList<ParameterSymbol> Dependencies(IEnumerable<ExpressionSyntax> expressions)
    {
        var found = new HashSet<ParameterSymbol>();
        var work = new Stack<ExpressionSyntax>(expressions);
        while (work.Count > 0)
        {
            foreach (var name in SyntaxWalker.Names(work.Pop()))
            {
                if (_model.GetResolution(name) is ParameterSymbol parameter && found.Add(parameter))
                {
                    if (parameter.Condition is { } condition)
                    {
                        work.Push(condition);
                    }

                    if (parameter.Syntax is FixedParameterSyntax fixedValue)
                    {
                        work.Push(fixedValue.Value);
                    }
                }
            }
        }

        return [.. found.Where(p => !p.IsFixed && p.Domain is not null).OrderBy(p => p.Index)];
    }

    public EnumerationResult Enumerate(IReadOnlyList<ParameterSymbol> parameters)
    {
        var exhaustive = parameters.All(p => p.Domain!.IsFinite) && Product(parameters.Select(p => p.Domain!.Count)) <= Limit;
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

    private IEnumerable<Dictionary<ParameterSymbol, Value>> Sample(IReadOnlyList<ParameterSymbol> parameters, List<List<Value>> values)
    {
        var random = new Random(12345);
        for (var i = 0; i < SampleSize; i++)
        {
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

    private IEnumerable<Dictionary<ParameterSymbol, Value>> Points(IReadOnlyList<ParameterSymbol> parameters, List<List<Value>> values)
    {
        var point = new Dictionary<ParameterSymbol, Value>();
        return Recurse(0);

        IEnumerable<Dictionary<ParameterSymbol, Value>> Recurse(int index)
        {
            if (index == parameters.Count)
            {
                yield return new Dictionary<ParameterSymbol, Value>(point);
                yield break;
            }

            var parameter = parameters[index];
            if (parameter.Condition is { } condition
                && Evaluator.IsTrue(SafeEvaluate(condition, new Environment(point))) != true)
            {
                point[parameter] = InactiveValue.Instance;
                foreach (var result in Recurse(index + 1))
                {
                    yield return result;
                }

                point.Remove(parameter);
                yield break;
            }

            foreach (var value in values[index])
            {
                point[parameter] = value;
                foreach (var result in Recurse(index + 1))
                {
                    yield return result;
                }
            }

            point.Remove(parameter);
        }
    }

    public Value SafeEvaluate(ExpressionSyntax expression, Environment environment)
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
