namespace HyperDsl.Compiler.Catalog;

/// <summary>
/// What choosing a sampler depends on, all of it known from the spec before the first trial:
/// the objectives, the trial budget, and the kinds of parameters in the space.
/// </summary>
/// <param name="Objectives">How many objectives the study optimizes.</param>
/// <param name="Trials">The trial budget, or null when the study runs on a timeout alone.</param>
/// <param name="FiniteSize">How many points a finite space has (conditional parameters counted as always drawn), or null when some parameter is continuous.</param>
/// <param name="Numeric">Sampled int and float parameters without a condition.</param>
/// <param name="Categorical">Sampled choices without a condition.</param>
/// <param name="Conditional">Sampled parameters with a 'when' condition, of any kind.</param>
public sealed record StudyShape(int Objectives, long? Trials, long? FiniteSize, int Numeric, int Categorical, int Conditional);

/// <summary>The sampler a picking entry (<c>auto</c>) chose for a study, and why, in a phrase <c>hyp check</c> shows.</summary>
/// <param name="Sampler">The catalogue name of the sampler chosen, used with its defaults.</param>
/// <param name="Reason">Why, in the study's own terms.</param>
public sealed record SamplerPick(string Sampler, string Reason);
