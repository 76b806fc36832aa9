namespace HyperDsl.Runtime.Training;

/// <summary>How a cyclical schedule scales each cycle's height (PyTorch CyclicLR's <c>mode</c>).</summary>
public enum CyclicMode
{
    /// <summary>Every cycle reaches the maximum rate (<c>triangular</c>).</summary>
    Triangular,

    /// <summary>Each cycle's height is half the previous one's (<c>triangular2</c>).</summary>
    Triangular2,

    /// <summary>The height at step s is scaled by gamma^s (<c>exp_range</c>).</summary>
    ExpRange,
}
