using System.Text.Json;
using BenchmarkDotNet.Attributes;
using HyperDsl.Syntax;

namespace HyperDsl.Bench;

/// <summary>
/// Parsing the 200-line spec, against System.Text.Json parsing a JSON rendering of the same
/// studies in the same run: the Ratio column is each case's time over the JSON parser's.
/// </summary>
/// <remarks>
/// Each global setup also warms its own case up (see <see cref="WarmUp"/>). BenchmarkDotNet runs
/// every benchmark in a fresh process, and with a short job its pilot and three warm-up
/// iterations can end before tiered compilation has optimised the parser, which then reports
/// tier-0 times with a huge error instead of the steady state.
/// </remarks>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private string _spec = "";
    private string _json = "";
    private string _specWithErrors = "";

    [GlobalSetup(Target = nameof(JsonBaseline))]
    public void SetupJsonBaseline() => Setup(() => JsonBaseline());

    [GlobalSetup(Target = nameof(Parse))]
    public void SetupParse() => Setup(Parse);

    [GlobalSetup(Target = nameof(ParseWithErrors))]
    public void SetupParseWithErrors() => Setup(ParseWithErrors);

    /// <summary>The yardstick: JSON of about the same size and shape, parsed into a <see cref="JsonDocument"/>.</summary>
    [Benchmark(Baseline = true)]
    public JsonValueKind JsonBaseline()
    {
        using var document = JsonDocument.Parse(_json);
        return document.RootElement.ValueKind;
    }

    /// <summary>The target: the clean spec to AST and diagnostics (SLL prediction, no recovery).</summary>
    [Benchmark]
    public SyntaxTree Parse() => SyntaxTree.Parse(_spec, BenchmarkInputs.SpecFileName);

    /// <summary>Three syntax errors: SLL fails, and the whole file is parsed again with full LL and recovery.</summary>
    [Benchmark]
    public SyntaxTree ParseWithErrors() => SyntaxTree.Parse(_specWithErrors, BenchmarkInputs.SpecFileName);

    private void Setup(Func<object> benchmark)
    {
        // Load() parses every input once and throws unless the spec is clean, the copy has exactly
        // its three errors and the JSON is valid, so a bad input fails the run instead of timing it.
        var inputs = BenchmarkInputs.Load();
        _spec = inputs.Spec;
        _json = inputs.Json;
        _specWithErrors = inputs.SpecWithErrors;
        WarmUp.Run(benchmark);
    }
}
