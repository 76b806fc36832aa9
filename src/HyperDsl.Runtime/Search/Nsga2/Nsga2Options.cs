namespace HyperDsl.Runtime.Search.Nsga2;

/// <summary>The knobs of <see cref="Nsga2Sampler"/>; the defaults are Optuna 3.1's <c>NSGAIISampler</c>'s.</summary>
/// <param name="Population">Trials per generation; the first generation is drawn at random, and each later one's parents are the best this many of the earlier trials.</param>
/// <param name="CrossoverProbability">The chance that a child mixes two parents; otherwise it copies one.</param>
/// <param name="MutationProbability">The chance that each parameter is drawn afresh at random; null for 1 / (the parent's parameter count).</param>
/// <param name="SwapProbability">In uniform crossover, the chance that a parameter comes from the second parent rather than the first.</param>
/// <param name="Crossover">How two parents' numbers mix (choices always mix uniformly).</param>
/// <param name="SbxEta">The distribution index of simulated binary crossover: larger keeps children nearer their parents.</param>
public sealed record Nsga2Options(
    int Population = 50,
    double CrossoverProbability = 0.9,
    double? MutationProbability = null,
    double SwapProbability = 0.5,
    Nsga2Crossover Crossover = Nsga2Crossover.Uniform,
    double SbxEta = 20);
