namespace HyperDsl.Compiler.Checking;

/// <summary>What the shape check found over the space: the shapes seen and the ranges of parameter counts and FLOPs.</summary>
/// <param name="Exhaustive">True when every architecture point was walked; false when representatives stood in for a continuous or very large space.</param>
/// <param name="Points">How many points were walked.</param>
/// <param name="Inputs">The distinct input shapes.</param>
/// <param name="Outputs">The distinct output shapes.</param>
/// <param name="MinParameters">The fewest trainable parameters of a point.</param>
/// <param name="MaxParameters">The most trainable parameters of a point.</param>
/// <param name="MinFlops">The fewest forward FLOPs per sample of a point.</param>
/// <param name="MaxFlops">The most forward FLOPs per sample of a point.</param>
/// <param name="FailedPoints">How many of the points walked have a shape error.</param>
public sealed record ShapeSummary(
    bool Exhaustive,
    long Points,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    long MinParameters,
    long MaxParameters,
    long MinFlops,
    long MaxFlops,
    long FailedPoints);
