using System.Diagnostics;
using System.Runtime;
using System.Text;
using System.Text.Json;
using HyperDsl.Syntax;

namespace HyperDsl.Bench;

/// <summary>
/// The three inputs every benchmark parses, loaded from <c>Specs/</c> next to the executable and
/// checked before anything is timed: a benchmark of a spec that does not parse cleanly measures
/// the error path by accident, so a bad input stops the run with the diagnostics.
/// </summary>
public sealed class BenchmarkInputs
{
    /// <summary>The errors put into <see cref="SpecWithErrors"/>: (exact text, replacement).</summary>
    /// <remarks>
    /// One near the start, one in the middle, one near the end, so that recovery resynchronises
    /// in three different places: a missing distribution, an unclosed argument list and a stray ')'.
    /// </remarks>
    private static readonly (string Find, string Replace)[] InjectedErrors =
    [
        ("    lr        ~ loguniform(1e-4, 1e-1)\n", "    lr        ~\n"),
        ("        res_unit(base * 2^s, p: drop)\n", "        res_unit(base * 2^s, p: drop\n"),
        ("    sampler   grid\n", "    sampler   grid)\n"),
    ];

    private BenchmarkInputs(string spec, string json, string specWithErrors)
    {
        Spec = spec;
        Json = json;
        SpecWithErrors = specWithErrors;
    }

    /// <summary>File name of the spec, which is also the path its diagnostics show.</summary>
    public const string SpecFileName = "two-hundred-lines.hyp";

    /// <summary>File name of the JSON rendering of the same studies.</summary>
    public const string JsonFileName = "two-hundred-lines.json";

    /// <summary>The 200-line spec; parses with no diagnostics at all.</summary>
    public string Spec { get; }

    /// <summary>The same studies as JSON, of about the same size, for the baseline.</summary>
    public string Json { get; }

    /// <summary>The spec with <see cref="InjectedErrors"/> applied; parses with exactly three errors.</summary>
    public string SpecWithErrors { get; }

    /// <summary>
    /// How long the check's parse of <see cref="Spec"/> took. When <see cref="Load"/> is the first
    /// parse in the process, this includes JIT compilation, ANTLR's ATN deserialisation and the
    /// first fill of its shared prediction (DFA) cache: the cold start that warm-up removes.
    /// </summary>
    public TimeSpan FirstParse { get; private set; }

    /// <summary>How much of <see cref="FirstParse"/> the JIT compiler spent compiling (all threads, so it can exceed the wall time).</summary>
    public TimeSpan FirstParseJitTime { get; private set; }

    /// <summary>How long the check's parse of <see cref="SpecWithErrors"/> took (right after <see cref="FirstParse"/>).</summary>
    public TimeSpan FirstParseWithErrors { get; private set; }

    /// <summary>Number of lines in <see cref="Spec"/>.</summary>
    public int SpecLines => CountLines(Spec);

    /// <summary>Loads and checks the inputs; throws <see cref="InvalidOperationException"/> with the reason when one is wrong.</summary>
    public static BenchmarkInputs Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Specs");
        // Line endings are normalised so a CRLF checkout measures the same input as everywhere else.
        var spec = ReadNormalized(Path.Combine(folder, SpecFileName));
        var json = ReadNormalized(Path.Combine(folder, JsonFileName));

        var withErrors = spec;
        foreach (var (find, replace) in InjectedErrors)
        {
            var first = withErrors.IndexOf(find, StringComparison.Ordinal);
            if (first < 0 || withErrors.IndexOf(find, first + 1, StringComparison.Ordinal) >= 0)
            {
                throw new InvalidOperationException($"{SpecFileName} must contain this line exactly once to inject an error: '{find.TrimEnd()}'.");
            }

            withErrors = withErrors.Replace(find, replace, StringComparison.Ordinal);
        }

        var inputs = new BenchmarkInputs(spec, json, withErrors);
        inputs.Check();
        return inputs;
    }

    private void Check()
    {
        var jitBefore = JitInfo.GetCompilationTime();
        var start = Stopwatch.GetTimestamp();
        var clean = SyntaxTree.Parse(Spec, SpecFileName);
        FirstParse = Stopwatch.GetElapsedTime(start);
        FirstParseJitTime = JitInfo.GetCompilationTime() - jitBefore;
        if (!clean.Diagnostics.IsEmpty)
        {
            throw new InvalidOperationException(
                $"{SpecFileName} must parse with no diagnostics, but has {clean.Diagnostics.Length}:{Environment.NewLine}{Describe(clean)}");
        }

        start = Stopwatch.GetTimestamp();
        var broken = SyntaxTree.Parse(SpecWithErrors, SpecFileName);
        FirstParseWithErrors = Stopwatch.GetElapsedTime(start);
        var errors = broken.Diagnostics.Count(d => d.IsError);
        if (errors != InjectedErrors.Length || broken.Diagnostics.Length != InjectedErrors.Length)
        {
            throw new InvalidOperationException(
                $"The copy of {SpecFileName} with {InjectedErrors.Length} injected errors must report exactly {InjectedErrors.Length} errors and nothing else, "
                + $"but reports {broken.Diagnostics.Length} diagnostics ({errors} errors):{Environment.NewLine}{Describe(broken)}");
        }

        using (var document = JsonDocument.Parse(Json))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidOperationException($"{JsonFileName} must hold one JSON object.");
            }
        }

        // The baseline is only a fair yardstick while the two documents stay about the same size.
        var specBytes = Encoding.UTF8.GetByteCount(Spec);
        var jsonBytes = Encoding.UTF8.GetByteCount(Json);
        var sizeRatio = (double)jsonBytes / specBytes;
        if (sizeRatio is < 0.8 or > 1.25)
        {
            throw new InvalidOperationException(
                $"{JsonFileName} ({jsonBytes} bytes) must stay within 0.8x to 1.25x the size of {SpecFileName} ({specBytes} bytes); it is {sizeRatio:F2}x.");
        }

        if (SpecLines is < 190 or > 210)
        {
            throw new InvalidOperationException($"{SpecFileName} must stay about 200 lines long; it has {SpecLines}.");
        }
    }

    /// <summary>One line of sizes for the run's header.</summary>
    public string Summary() =>
        $"{SpecFileName}: {SpecLines} lines, {Encoding.UTF8.GetByteCount(Spec)} bytes; "
        + $"{JsonFileName}: {CountLines(Json)} lines, {Encoding.UTF8.GetByteCount(Json)} bytes; "
        + $"with-errors copy: {InjectedErrors.Length} syntax errors";

    private static string ReadNormalized(string path) =>
        File.ReadAllText(path).ReplaceLineEndings("\n");

    private static string Describe(SyntaxTree tree) =>
        string.Join(Environment.NewLine, tree.Diagnostics.Select(d => "  " + d));

    private static int CountLines(string text) =>
        text.Count(c => c == '\n') + (text.Length > 0 && text[^1] != '\n' ? 1 : 0);
}
