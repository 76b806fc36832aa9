using System.Text.Json;
using System.Text.Json.Serialization;

namespace HyperDsl.Bench.Training;

/// <summary>One side's run: per-epoch training images per second, the test accuracy after the last epoch, and (runtime sides) the OpenMP wait the runtime chose.</summary>
internal sealed record SideResult(
    [property: JsonPropertyName("side")] string Side,
    [property: JsonPropertyName("epoch_images_per_s")] IReadOnlyList<double> EpochImagesPerSecond,
    [property: JsonPropertyName("test_acc")] double TestAccuracy,
    [property: JsonPropertyName("omp_wait")] string? OpenMpWait = null)
{
    /// <summary>The line a worker prints; the driver reads it back.</summary>
    public string ToResultLine() => "RESULT " + JsonSerializer.Serialize(this);

    /// <summary>Steady-state throughput: the epochs after the first (which pays for JIT and warm-up), or the only epoch.</summary>
    public double SteadyImagesPerSecond
    {
        get
        {
            var steady = EpochImagesPerSecond.Count > 1 ? EpochImagesPerSecond.Skip(1).ToList() : [.. EpochImagesPerSecond];

            // Images per second over the epochs together: the harmonic mean of equal-sized epochs.
            return steady.Count / steady.Sum(r => 1 / r);
        }
    }
}
