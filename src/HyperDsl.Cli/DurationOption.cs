using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace HyperDsl.Cli;

/// <summary>Reads durations as specs write them (<c>90s</c>, <c>30m</c>, <c>2h</c>, <c>1h30m</c>, <c>1d</c>) or as <c>hh:mm:ss</c>.</summary>
internal static partial class DurationOption
{
    public static TimeSpan? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (TryParse(text, out var duration) && duration > TimeSpan.Zero)
        {
            return duration;
        }

        result.AddError($"'{text}' is not a duration; write e.g. 90s, 30m, 2h or 1h30m.");
        return null;
    }

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = Parts().Match(text.Trim());
        if (match.Success && match.Length > 0)
        {
            foreach (Capture capture in match.Groups["part"].Captures)
            {
                var unit = capture.Value[^1];
                var value = double.Parse(capture.Value[..^1], CultureInfo.InvariantCulture);
                duration += unit switch { 'd' => TimeSpan.FromDays(value), 'h' => TimeSpan.FromHours(value), 'm' => TimeSpan.FromMinutes(value), _ => TimeSpan.FromSeconds(value) };
            }

            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration);
    }

    [GeneratedRegex(@"^(?:(?<part>\d+(?:\.\d+)?[dhms]))+$")]
    private static partial Regex Parts();
}
