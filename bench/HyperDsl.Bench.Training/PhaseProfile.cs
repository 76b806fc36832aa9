using System.Text.Json;
using System.Text.Json.Serialization;

namespace HyperDsl.Bench.Training;

/// <summary>
/// One side's profile: milliseconds per training step of each phase, wall and process CPU time (named as <see cref="HyperDsl.Runtime.Training.StepPhase"/>),
/// the evaluations' milliseconds in all, and milliseconds per forward pass of each top-level layer (timed apart, see <see cref="LayerTimer"/>).
/// </summary>
internal sealed record PhaseProfile(
    [property: JsonPropertyName("side")] string Side,
    [property: JsonPropertyName("steps")] int Steps,
    [property: JsonPropertyName("phases_ms")] IReadOnlyDictionary<string, double> PhasesMs,
    [property: JsonPropertyName("cpu_phases_ms")] IReadOnlyDictionary<string, double> CpuPhasesMs,
    [property: JsonPropertyName("evaluation_ms")] double EvaluationMs,
    [property: JsonPropertyName("evaluation_cpu_ms")] double EvaluationCpuMs,
    [property: JsonPropertyName("evaluations")] int Evaluations,
    [property: JsonPropertyName("layers_ms")] IReadOnlyDictionary<string, double> LayersMs)
{
    /// <summary>The line a profiling worker prints; the profile driver reads it back (pytorch_profile.py prints the same).</summary>
    public string ToProfileLine() => "PROFILE " + JsonSerializer.Serialize(this);

    /// <summary>The step's phases together.</summary>
    public double StepMs => PhasesMs.Values.Sum();
}
