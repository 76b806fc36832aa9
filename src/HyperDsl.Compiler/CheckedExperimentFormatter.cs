using System.Globalization;
using System.Text;
using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Compiler;

/// <summary>Renders what checking learned about an experiment, for people: what <c>hyp check</c> prints after the diagnostics.</summary>
public static class CheckedExperimentFormatter
{
    // A domain lists the spec's values (strings too): escaped, and cut so that a long choice stays one readable line.
    private const int MaxItemWidth = 120;

    /// <summary>The experiment's parameters, space, shapes, parameter counts, FLOPs and strategy, one item a line.</summary>
    public static string Format(CheckedExperiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var builder = new StringBuilder();
        var start = experiment.Location.Start;
        builder.Append($"experiment {experiment.Name}  ({DiagnosticText.Escape(experiment.Location.File.Path)}:{start.Line})\n");
        var width = experiment.Parameters.Select(p => p.Name.Length).DefaultIfEmpty(0).Max();
        foreach (var parameter in experiment.Parameters)
        {
            builder.Append("  ").Append(parameter.Name.PadRight(width)).Append("  ").Append(Item(parameter.Domain));
            if (parameter.Condition is { } condition)
            {
                builder.Append("  when ").Append(Item(condition));
            }

            builder.Append('\n');
        }

        builder.Append("  space      ").Append(experiment.SpaceSize is { } size ? $"{size.ToString("N0", CultureInfo.InvariantCulture)} points" : "continuous").Append('\n');
        if (experiment.Shapes is { } shapes)
        {
            builder.Append("  input      ").Append(string.Join(", ", shapes.Inputs)).Append(" -> output ").Append(string.Join(", ", shapes.Outputs)).Append('\n');
            builder.Append("  parameters ").Append(Range(shapes.MinParameters, shapes.MaxParameters)).Append(" trainable\n");
            builder.Append("  FLOPs      ").Append(Range(shapes.MinFlops, shapes.MaxFlops)).Append(" per sample (forward)\n");
            builder.Append("  shapes     ").Append(shapes.FailedPoints > 0
                ? $"{shapes.FailedPoints.ToString("N0", CultureInfo.InvariantCulture)} of {shapes.Points.ToString("N0", CultureInfo.InvariantCulture)} architecture points fail (see the errors above); figures are for the rest"
                : shapes.Exhaustive
                ? shapes.Points == 1 ? "proven (the architecture has no searched parameter)" : $"proven for all {shapes.Points.ToString("N0", CultureInfo.InvariantCulture)} architecture points"
                : $"checked at {shapes.Points.ToString("N0", CultureInfo.InvariantCulture)} representative points (the space is too large or continuous to list)").Append('\n');
        }

        builder.Append("  strategy   ").Append(Item(experiment.Strategy)).Append('\n');
        if (experiment.PickedSampler is { } pick)
        {
            builder.Append("  picked     ").Append(Item($"{pick.Sampler}: {pick.Reason}")).Append('\n');
        }
        return builder.ToString();
    }

    // Spec text written over several lines is shown on one.
    private static string Item(string text) =>
        DiagnosticText.Excerpt(string.Join(" ", text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim())), MaxItemWidth);

    private static string Range(long low, long high) => low == high ? Compact(low) : $"{Compact(low)} - {Compact(high)}";

    /// <summary>A count in the units the language itself uses: 12.4k, 1.2M, 3.6G.</summary>
    public static string Compact(long value) => value switch
    {
        >= 1_000_000_000 => (value / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + "G",
        >= 1_000_000 => (value / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (value / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };
}
