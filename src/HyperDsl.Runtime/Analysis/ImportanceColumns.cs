using System.Globalization;
using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Analysis;

/// <summary>
/// Trials as rows of numbers for the forest, in the spec's scales: a float or int parameter is one
/// column (its logarithm for <c>loguniform</c> and log ranges), a categorical one is a 0/1 column per
/// choice. A conditional parameter that some trials never had adds a "not used" level: a 0/1 column
/// beside a numeric one, one more 0/1 column for a categorical one; fANOVA then weighs not using it
/// as one of its values. An int range reaches half a step past each end. Each parameter owns a group of columns, judged together.
/// </summary>
internal sealed class ImportanceColumns
{
    private ImportanceColumns(IReadOnlyList<double[]> rows, IReadOnlyList<(double Low, double High)> bounds, IReadOnlyList<(string Name, int[] Columns)> groups)
    {
        Rows = rows;
        Bounds = bounds;
        Groups = groups;
    }

    public IReadOnlyList<double[]> Rows { get; }

    /// <summary>Each column's range, the space the forest's boxes divide.</summary>
    public IReadOnlyList<(double Low, double High)> Bounds { get; }

    /// <summary>Each parameter's columns; a parameter with a single possible value has none.</summary>
    public IReadOnlyList<(string Name, int[] Columns)> Groups { get; }

    public static ImportanceColumns Encode(IReadOnlyList<ParameterSpace> space, IReadOnlyList<IReadOnlyDictionary<string, object>> trials)
    {
        var columns = new List<(double Low, double High, Func<IReadOnlyDictionary<string, object>, double> Read)>();
        var groups = new List<(string, int[])>();
        foreach (var parameter in space)
        {
            var start = columns.Count;
            // A value of another kind (the spec turned a choice into a range since) counts as not used.
            var conditional = trials.Any(t => !t.TryGetValue(parameter.Name, out var v) || (parameter is not CategoricalSpace && Number(v) is null));
            var name = parameter.Name;
            switch (parameter)
            {
                case CategoricalSpace categorical:
                    for (var k = 0; k < categorical.Choices.Count; k++)
                    {
                        var choice = categorical.Choices[k];
                        columns.Add((0, 1, t => t.TryGetValue(name, out var v) && SameChoice(v, choice) ? 1 : 0));
                    }

                    if (conditional)
                    {
                        columns.Add((0, 1, t => t.ContainsKey(name) ? 0 : 1));
                    }

                    break;
                default:
                    // A stepped range (every int range) owns half a step beyond each end, as the samplers draw it,
                    // so each of its values gets an equal share of the scale and the ends are not undercounted.
                    var (low, high, log, step) = parameter switch
                    {
                        FloatSpace f => (f.Low, f.High, f.Log, f.Step ?? 0),
                        IntSpace i => (i.Low, (double)i.High, i.Log, (double)i.Step),
                        _ => throw new ArgumentException($"unknown parameter kind {parameter.GetType().Name}", nameof(space)),
                    };

                    // A value stored by an earlier version of the spec may lie outside today's range.
                    var seen = trials.Select(t => t.TryGetValue(name, out var v) ? Number(v) : null).OfType<double>().ToList();
                    low = seen.Append(low).Min() - (step / 2);
                    high = seen.Append(high).Max() + (step / 2);
                    Func<double, double> scale = log && low > 0 ? Math.Log : v => v;
                    var (scaledLow, scaledHigh) = (scale(low), scale(high));
                    var middle = (scaledLow + scaledHigh) / 2;
                    if (scaledHigh > scaledLow)
                    {
                        columns.Add((scaledLow, scaledHigh, t => t.TryGetValue(name, out var v) && Number(v) is { } x ? scale(x) : middle));
                    }

                    if (conditional)
                    {
                        columns.Add((0, 1, t => t.TryGetValue(name, out var v) && Number(v) is not null ? 0 : 1));
                    }

                    break;
            }

            groups.Add((parameter.Name, [.. Enumerable.Range(start, columns.Count - start)]));
        }

        var rows = trials.Select(t => columns.Select(c => c.Read(t)).ToArray()).ToList();
        return new ImportanceColumns(rows, [.. columns.Select(c => (c.Low, c.High))], groups);
    }

    /// <summary>Whether a stored value is this choice (a store may hand back 3 as a long where the spec said an int, or an enum member as its name).</summary>
    private static bool SameChoice(object value, object choice) =>
        value.Equals(choice)
        || (IsNumber(value) && IsNumber(choice) && Convert.ToDouble(value, CultureInfo.InvariantCulture) == Convert.ToDouble(choice, CultureInfo.InvariantCulture))
        || string.Equals(Convert.ToString(value, CultureInfo.InvariantCulture), Convert.ToString(choice, CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>A stored number as a double (finite), or null for anything else.</summary>
    private static double? Number(object value) => IsNumber(value) && Convert.ToDouble(value, CultureInfo.InvariantCulture) is var x && double.IsFinite(x) ? x : null;

    private static bool IsNumber(object value) => value is int or long or double or float or decimal or short or byte;
}
