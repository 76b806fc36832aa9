using System.Globalization;
using System.Text;

namespace HyperDsl.Differential;

/// <summary>
/// One disagreement: a spec that checked clean and then did not generate, compile, build, run,
/// or build the model the checker described, at a point (empty when the whole spec failed); or
/// a spec written with a known mistake that checked clean.
/// </summary>
public sealed record Disagreement(GeneratedSpec Spec, string Point, string Message)
{
    /// <summary>Everything needed to reproduce it: the seed, the point, what differed and the spec text.</summary>
    public override string ToString() =>
        $"seed {Spec.Seed} ({Spec.Name}){(Point.Length > 0 ? " at " + Point : "")}: {Message}{(Spec.Constructs.Count > 0 ? $" [uses {string.Join(", ", Spec.Constructs.Order())}]" : "")}\n{Spec.Text}";
}

/// <summary>What a differential run did: how many specs checked clean, points compared, and every disagreement.</summary>
public sealed class DifferentialReport
{
    /// <summary>Specs generated.</summary>
    public int Generated { get; internal set; }

    /// <summary>Specs that checked clean (the rest were skipped).</summary>
    public int Clean { get; internal set; }

    /// <summary>Clean specs that declare <c>task segmentation</c>.</summary>
    public int Segmentation { get; internal set; }

    /// <summary>Specs written with a known mistake that the checker refused with the expected code.</summary>
    public int RejectedAsExpected { get; internal set; }

    /// <summary>Points of clean specs at which the built model was compared with the checker.</summary>
    public int Points { get; internal set; }

    /// <summary>Clean specs with a train section of their own that the trainer ran for all its epochs at one point.</summary>
    public int Trained { get; internal set; }

    /// <summary>Trained specs whose loss became NaN or infinite (an unstable point, which the trainer reports as a failed trial).</summary>
    public int Diverged { get; internal set; }

    /// <summary>The seeds of the specs whose training diverged, to run again alone.</summary>
    public List<int> DivergedSpecs { get; } = [];

    /// <summary>
    /// The points whose run failed inside LibTorch with the signature of TorchSharp 0.107's Scalar
    /// finalizer race (issue 20: a garbage collection frees an implicitly converted Scalar while a
    /// native call reads it) and then passed when run again; a point that fails twice is a disagreement.
    /// </summary>
    public List<string> ScalarRacesRetried { get; } = [];

    /// <summary>The first diverged training, to see why.</summary>
    public string? DivergedExample { get; internal set; }

    /// <summary>Skipped specs by their first error code: what the generator writes that does not check.</summary>
    public SortedDictionary<string, int> SkippedBy { get; } = new(StringComparer.Ordinal);

    /// <summary>One skipped spec per error code, to see why.</summary>
    public SortedDictionary<string, string> SkippedExample { get; } = new(StringComparer.Ordinal);

    /// <summary>Every disagreement found.</summary>
    public List<Disagreement> Disagreements { get; } = [];

    /// <summary>Time spent in each stage.</summary>
    public TimeSpan Checking { get; internal set; }

    /// <summary>Time spent compiling generated C# with Roslyn.</summary>
    public TimeSpan Compiling { get; internal set; }

    /// <summary>Time spent building models and running them.</summary>
    public TimeSpan Running { get; internal set; }

    /// <summary>The share of generated specs written to be valid that checked clean.</summary>
    public double CleanRate => Generated - RejectedAsExpected == 0 ? 0 : (double)Clean / (Generated - RejectedAsExpected);

    /// <summary>A short summary for logs, then each disagreement in full.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"{Generated} specs generated, {Clean} checked clean ({CleanRate:P0}; {Segmentation} of them segmentation), {RejectedAsExpected} refused as they must be, {Points} points compared, {Trained} trained ({Diverged} diverged), {Disagreements.Count} disagreements; check {Checking.TotalSeconds:F1} s, compile {Compiling.TotalSeconds:F1} s, build and run {Running.TotalSeconds:F1} s\n");
        if (ScalarRacesRetried.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {ScalarRacesRetried.Count} point(s) failed with TorchSharp's Scalar finalizer race (issue 20) and passed when run again: {string.Join(", ", ScalarRacesRetried)}\n");
        }

        if (DivergedExample is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"  diverged (seeds {string.Join(", ", DivergedSpecs)}), e.g.: {DivergedExample}\n");
        }

        foreach (var (code, count) in SkippedBy)
        {
            text.Append(CultureInfo.InvariantCulture, $"  skipped {count} with {code}, e.g.: {SkippedExample[code]}\n");
        }

        foreach (var disagreement in Disagreements)
        {
            text.Append("DISAGREEMENT ").Append(disagreement).Append('\n');
        }

        return text.ToString();
    }
}
