using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace HyperDsl.TestKit;

/// <summary>
/// Compares output with a readable baseline file kept next to the test. With
/// <c>HYP_UPDATE_BASELINES=1</c> the baseline is rewritten instead (review the diff before
/// committing); CI never sets it, so a stale baseline fails with a line diff.
/// </summary>
public static class BaselineAssert
{
    /// <summary>The environment switch that rewrites baselines.</summary>
    public const string UpdateVariable = "HYP_UPDATE_BASELINES";

    /// <summary>Asserts that <paramref name="actual"/> equals the baseline at <paramref name="relativePath"/>, relative to the calling test file.</summary>
    public static void Matches(string actual, string relativePath, [CallerFilePath] string callerFile = "")
    {
        ArgumentNullException.ThrowIfNull(actual);
        var path = Path.Combine(Path.GetDirectoryName(callerFile)!, relativePath);
        MatchesFile(actual, path);
    }

    /// <summary>Asserts that <paramref name="actual"/> equals the baseline at an absolute path.</summary>
    public static void MatchesFile(string actual, string path)
    {
        ArgumentNullException.ThrowIfNull(actual);
        actual = Normalize(actual);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (!File.Exists(path) || Normalize(File.ReadAllText(path)) != actual)
            {
                File.WriteAllText(path, actual);
            }

            return;
        }

        if (!File.Exists(path))
        {
            throw new XunitException($"The baseline {path} does not exist. Run the tests with {UpdateVariable}=1 to create it, then review it.\nActual output:\n{actual}");
        }

        var expected = Normalize(File.ReadAllText(path));
        if (expected != actual)
        {
            throw new XunitException($"The output differs from the baseline {path} (- baseline, + actual). Run with {UpdateVariable}=1 to accept the new output.\n{Diff(expected, actual)}");
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";

    private static string Diff(string expected, string actual)
    {
        var model = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false);
        var builder = new StringBuilder();
        var lines = model.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            // Show changes with two lines of context, like a unified diff.
            var near = Enumerable.Range(Math.Max(0, i - 2), Math.Min(lines.Count, i + 3) - Math.Max(0, i - 2))
                .Any(j => lines[j].Type != ChangeType.Unchanged);
            if (!near)
            {
                continue;
            }

            var prefix = lines[i].Type switch
            {
                ChangeType.Inserted => "+ ",
                ChangeType.Deleted => "- ",
                _ => "  ",
            };
            builder.Append(prefix).Append(lines[i].Text).Append('\n');
        }

        return builder.ToString();
    }
}
