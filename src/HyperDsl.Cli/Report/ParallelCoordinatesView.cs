using System.Globalization;
using System.Text.Json.Nodes;
using HyperDsl.Runtime.Search;

namespace HyperDsl.Cli.Report;

/// <summary>
/// Parallel coordinates of the complete trials: one axis per parameter (the most important first)
/// and the first objective last, lines coloured by it. A log range is drawn on its log scale with
/// the real values as labels; a conditional parameter a trial did not use sits on its own
/// "not used" level below the range rather than leaving the line broken.
/// </summary>
internal static class ParallelCoordinatesView
{
    private const string NotUsed = "not used";

    public static IEnumerable<PlotlyFigure> Build(ReportData data)
    {
        var trials = data.Complete(0).ToList();
        if (trials.Count == 0 || data.Space.Count == 0)
        {
            yield break;
        }

        var order = data.Importance.Count > 0
            ? [.. data.Importance[0].Select(p => data.Space.First(s => s.Name == p.Name))]
            : data.Space;
        var dimensions = new JsonArray();
        foreach (var parameter in order)
        {
            var values = trials.Select(t => t.Trial.Parameters.GetValueOrDefault(parameter.Name)).ToList();
            dimensions.Add(parameter is CategoricalSpace categorical ? Categorical(parameter.Name, categorical, values) : Numeric(parameter, values));
        }

        dimensions.Add(new JsonObject { ["label"] = data.Objectives[0].Metric, ["values"] = Plotly.Numbers(trials.Select(t => t.Value)) });
        yield return new PlotlyFigure("parallel", new JsonArray
        {
            new JsonObject
            {
                ["type"] = "parcoords",
                ["line"] = new JsonObject
                {
                    ["color"] = Plotly.Numbers(trials.Select(t => t.Value)),
                    ["colorscale"] = "Viridis",
                    ["reversescale"] = !data.Maximize(0),
                    ["showscale"] = true,
                    ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = data.Objectives[0].Metric } },
                },
                ["dimensions"] = dimensions,
            },
        }, new JsonObject { ["title"] = new JsonObject { ["text"] = $"Parallel coordinates: {data.Objectives[0]}" }, ["margin"] = new JsonObject { ["l"] = 80, ["r"] = 80 } });
    }

    private static JsonObject Categorical(string name, CategoricalSpace space, List<object?> values)
    {
        var labels = space.Choices.Select(ReportData.Label).ToList();
        foreach (var label in values.Select(ReportData.Label))
        {
            if (!labels.Contains(label))
            {
                labels.Add(label);
            }
        }

        return new JsonObject
        {
            ["label"] = name,
            ["values"] = new JsonArray([.. values.Select(v => JsonValue.Create(labels.IndexOf(ReportData.Label(v))))]),
            ["tickvals"] = new JsonArray([.. labels.Select((_, k) => JsonValue.Create(k))]),
            ["ticktext"] = Plotly.Strings(labels),
            ["range"] = new JsonArray(0, Math.Max(1, labels.Count - 1)),
        };
    }

    private static JsonObject Numeric(ParameterSpace parameter, List<object?> values)
    {
        var log = ReportData.IsLog(parameter);
        Func<double, double> scale = log ? Math.Log10 : v => v;
        var (low, high) = parameter switch
        {
            FloatSpace f => (f.Low, f.High),
            IntSpace i => ((double)i.Low, (double)i.High),
            _ => (0.0, 1.0),
        };
        var numbers = values.Select(v => v is null ? null : ReportData.Number(v)).ToList();
        var seen = numbers.OfType<double>().ToList();
        var min = scale(seen.Append(low).Min());
        var max = scale(seen.Append(high).Max());
        var inactive = numbers.Any(n => n is null);
        var notUsed = min - (0.12 * Math.Max(max - min, 1e-9));
        var dimension = new JsonObject
        {
            ["label"] = log ? $"{parameter.Name} (log)" : parameter.Name,
            ["values"] = Plotly.Numbers(numbers.Select(n => n is { } v ? scale(v) : notUsed)),
            ["range"] = new JsonArray(inactive ? notUsed : min, max),
        };
        if (log || inactive)
        {
            // Ticks carry the real values; on a log axis the positions are logs.
            var ticks = Enumerable.Range(0, 5).Select(k => min + ((max - min) * k / 4)).ToList();
            var text = ticks.Select(t => (log ? Math.Pow(10, t) : t).ToString("G3", CultureInfo.InvariantCulture)).ToList();
            if (inactive)
            {
                ticks.Insert(0, notUsed);
                text.Insert(0, NotUsed);
            }

            dimension["tickvals"] = Plotly.Numbers(ticks);
            dimension["ticktext"] = Plotly.Strings(text);
        }

        return dimension;
    }
}
