using System.Security.Cryptography;
using System.Text;
using HyperDsl.Compiler.Lowering;

namespace HyperDsl.Compiler.Emit;

/// <summary>
/// The hash that ties a study to a spec: SHA-256 over the experiment's <see cref="CanonicalText"/>
/// (what a trial means: the parameters and constraints, the model and the blocks it may use, the
/// data and train sections, the objectives), so comments, layout, argument spelling and the budget
/// (<c>trials</c>, <c>timeout</c>, <c>sampler</c>, <c>pruner</c>, <c>parallel</c>, <c>try</c>) can
/// change without starting a new study version.
/// </summary>
internal static class StudyHash
{
    public static string Of(BoundExperiment bound) => Of(ExperimentLowerer.Lower(bound));

    /// <summary>The hash of an experiment already lowered (the generated code's, so it hashes the model it prints).</summary>
    public static string Of(LoweredExperiment lowered) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText.Of(lowered)))).ToLowerInvariant();
}
