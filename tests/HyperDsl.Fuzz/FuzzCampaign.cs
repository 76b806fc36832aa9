using System.Diagnostics;
using System.Globalization;

namespace HyperDsl.Fuzz;

/// <summary>The settings of one campaign.</summary>
/// <param name="Seed">Fixes every input: the same seed, seeds and count give the same inputs.</param>
/// <param name="Count">How many mutated inputs to try (the corpus and examples are tried first, as they are).</param>
/// <param name="TimeLimit">The most one input may take; checking any spec should take well under a second.</param>
/// <param name="MaxAllocatedBytes">The most one input may allocate (a memory spike).</param>
/// <param name="CompileBudget">How many distinct generated sources Roslyn compiles.</param>
/// <param name="FailuresDirectory">Where failing inputs are written, each as a .hyp file with a .txt saying what broke.</param>
public sealed record FuzzSettings(int Seed, int Count, TimeSpan TimeLimit, long MaxAllocatedBytes, int CompileBudget, string FailuresDirectory);

/// <summary>What a campaign found.</summary>
public sealed record FuzzReport(int Tried, IReadOnlyDictionary<ProbeOutcome, int> Outcomes, IReadOnlyList<string> Failures, TimeSpan Slowest, string SlowestOrigin, long MostAllocated, TimeSpan Elapsed);

/// <summary>
/// Tries every seed spec as it is, then <see cref="FuzzSettings.Count"/> mutations of them, each
/// through <see cref="PipelineProbe"/> under the time and allocation limits. Before each input
/// runs it is written to <c>current.hyp</c> in the failures folder, so even a crash of the whole
/// process (a stack overflow) leaves the culprit behind. A timeout ends the campaign, since the
/// hung worker cannot be stopped. The probe is <see cref="PipelineProbe"/> unless a test gives another.
/// </summary>
public sealed class FuzzCampaign(FuzzSettings settings, IReadOnlyList<FuzzInput> seeds, TextWriter log, Func<FuzzInput, ProbeOutcome>? probe = null)
{
    private const int MaxFailures = 20;

    /// <summary>Runs the campaign.</summary>
    public FuzzReport Run()
    {
        Directory.CreateDirectory(settings.FailuresDirectory);
        var current = Path.Combine(settings.FailuresDirectory, "current.hyp");
        var run = probe ?? new PipelineProbe(settings.CompileBudget).Run;
        var mutator = new SpecMutator(settings.Seed, seeds);
        var outcomes = Enum.GetValues<ProbeOutcome>().ToDictionary(o => o, _ => 0);
        var failures = new List<string>();
        var slowest = TimeSpan.Zero;
        var slowestOrigin = "";
        long mostAllocated = 0;
        var clock = Stopwatch.StartNew();
        var tried = 0;
        using var runner = new LimitedRunner();
        foreach (var (index, input) in Inputs(mutator))
        {
            File.WriteAllBytes(current, input.Bytes);
            var result = runner.Run(() => run(input), settings.TimeLimit);
            tried++;
            if (result.Elapsed > slowest)
            {
                (slowest, slowestOrigin) = (result.Elapsed, $"input {index}: {input.Origin}");
            }

            mostAllocated = Math.Max(mostAllocated, result.AllocatedBytes);
            var problem = result switch
            {
                { TimedOut: true } => $"still running after {settings.TimeLimit.TotalSeconds:0.#} s",
                { Error: FuzzFindingException finding } => finding.Message,
                { Error: { } error } => $"unhandled {error.GetType().Name}: {error}",
                { AllocatedBytes: var bytes } when bytes > settings.MaxAllocatedBytes => $"allocated {bytes / (1 << 20)} MiB (limit {settings.MaxAllocatedBytes / (1 << 20)} MiB)",
                _ => null,
            };
            if (problem is null)
            {
                outcomes[result.Outcome!.Value]++;
            }
            else
            {
                failures.Add(Save(index, input, problem));
            }

            if (result.TimedOut || failures.Count >= MaxFailures)
            {
                break;
            }

            if (tried % 1000 == 0)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz: {tried} inputs, {failures.Count} failures, {clock.Elapsed.TotalSeconds:0} s"));
            }
        }

        if (failures.Count == 0)
        {
            File.Delete(current);
        }

        return new FuzzReport(tried, outcomes, failures, slowest, slowestOrigin, mostAllocated, clock.Elapsed);
    }

    private IEnumerable<(string Index, FuzzInput Input)> Inputs(SpecMutator mutator)
    {
        foreach (var seed in seeds)
        {
            yield return ($"seed {Path.GetFileName(seed.DisplayPath)}", seed);
        }

        for (var i = 0; i < settings.Count; i++)
        {
            yield return (i.ToString(CultureInfo.InvariantCulture), mutator.Next());
        }
    }

    private string Save(string index, FuzzInput input, string problem)
    {
        var name = string.Concat($"seed{settings.Seed}-{index}".Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
        var path = Path.Combine(settings.FailuresDirectory, name + ".hyp");
        File.WriteAllBytes(path, input.Bytes);
        File.WriteAllText(Path.ChangeExtension(path, ".txt"), $"{problem}\n\nmade from: {input.Origin}\nchecked as: {input.DisplayPath}\n");
        var summary = problem.Split('\n')[0];
        log.WriteLine($"fuzz: FAILED input {index} ({input.Origin}): {summary}\n      saved as {path}");
        return $"{index}: {summary}";
    }
}
