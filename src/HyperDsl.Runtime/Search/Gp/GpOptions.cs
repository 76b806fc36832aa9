namespace HyperDsl.Runtime.Search.Gp;

/// <summary>The knobs of <see cref="GpSampler"/>.</summary>
/// <param name="StartupTrials">Complete trials drawn at random before the Gaussian process takes over (as Optuna's <c>n_startup_trials</c>).</param>
/// <param name="DeterministicObjective">The objective has no noise: the kernel's noise term stays at its floor instead of being fitted.</param>
public sealed record GpOptions(int StartupTrials = 10, bool DeterministicObjective = false)
{
    /// <summary>Random candidates scored by the acquisition before the best few are refined by local search.</summary>
    internal int Candidates { get; init; } = 1024;

    /// <summary>How many of the best candidates (and of the best observed points) local search starts from.</summary>
    internal int LocalSearchStarts { get; init; } = 5;
}
