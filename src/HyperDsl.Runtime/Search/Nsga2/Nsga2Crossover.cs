namespace HyperDsl.Runtime.Search.Nsga2;

/// <summary>How <see cref="Nsga2Sampler"/> mixes two parents' numeric parameters.</summary>
public enum Nsga2Crossover
{
    /// <summary>Each parameter is one parent's value (the second's with the swap probability).</summary>
    Uniform,

    /// <summary>Simulated binary crossover (Deb and Agrawal 1995): a number near the parents', spread by how far apart they are, in the model space (log for log scales), then put on the parameter's grid.</summary>
    SimulatedBinary,
}
