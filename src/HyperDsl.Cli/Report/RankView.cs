using System.Text.Json.Nodes;
using HyperDsl.Runtime.Search;

namespace HyperDsl.Cli.Report;

/// <summary>
/// Rank plots (after Optuna's <c>plot_rank</c>, one parameter at a time): each parameter's value
/// by trial number, each trial coloured by the rank of its first objective among the complete
/// trials (1 is the best), so where the good trials lie in a parameter, and whether the sampler
/// moved there, shows at a glance. Log ranges get a log axis, choices a category axis; the most
/// important parameters come first.
/// </summary>
internal static class RankView
{
    public static IEnumerable<PlotlyFigure> Build(ReportData data)
    {
        var trials = data.Complete(0).ToList();
        if (trials.Count == 0)
        {
            yield break;
        }

        var ranks = Ranks(trials.Select(t => t.Value).ToList(), data.Maximize(0));
        var names = data.Importance.Count > 0
            ? data.Importance[0].Select(p => p.Name).Concat(data.Space.Select(p => p.Name)).Distinct()
            : data.Space.Select(p => p.Name);
        foreach (var parameter in names.Select(n => data.Space.First(p => p.Name == n)))
        {
            var used = trials.Select((t, i) => (t.Trial, t.Value, Rank: ranks[i]))
                .Where(t => t.Trial.Parameters.TryGetValue(parameter.Name, out var v) && (parameter is CategoricalSpace || ReportData.Number(v) is not null))
                .ToList();
            if (used.Count == 0)
            {
                continue;
            }

            var y = parameter is CategoricalSpace
                ? Plotly.Strings(used.Select(t => ReportData.Label(t.Trial.Parameters[parameter.Name])))
                : Plotly.Numbers(used.Select(t => ReportData.Number(t.Trial.Parameters[parameter.Name]) ?? double.NaN));
            var metric = data.Objectives[0].Metric;
            var layout = Plotly.Layout($"Rank: {parameter.Name} by trial, coloured by the rank of {metric}", "trial", parameter.Name);
            layout["yaxis"] = Plotly.Axis(parameter.Name, ReportData.IsLog(parameter));
            if (parameter is CategoricalSpace)
            {
                layout["yaxis"]!["type"] = "category";
            }

            yield return new PlotlyFigure("rank", new JsonArray
            {
                new JsonObject
                {
                    ["type"] = "scatter", ["mode"] = "markers", ["name"] = parameter.Name,
                    ["x"] = new JsonArray([.. used.Select(t => JsonValue.Create(t.Trial.Number))]),
                    ["y"] = y,
                    ["text"] = Plotly.Strings(used.Select(t => $"trial #{t.Trial.Number}: {metric} {ReportData.Label(t.Value)}, rank {t.Rank} of {trials.Count}")),
                    // Reversed Viridis: the best ranks bright yellow, the worst dark purple.
                    ["marker"] = new JsonObject
                    {
                        ["color"] = new JsonArray([.. used.Select(t => JsonValue.Create(t.Rank))]),
                        ["colorscale"] = "Viridis", ["reversescale"] = true, ["cmin"] = 1, ["cmax"] = Math.Max(2, trials.Count),
                        ["showscale"] = true, ["size"] = 9,
                        ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = "rank (1 = best)" } },
                    },
                },
            }, layout);
        }
    }

    /// <summary>Each value's rank, 1 for the best; equal values share the better rank.</summary>
    internal static int[] Ranks(IReadOnlyList<double> values, bool maximize) =>
        [.. values.Select(v => 1 + values.Count(other => maximize ? other > v : other < v))];
}
