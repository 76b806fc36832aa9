using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Checking;

/// <summary>
/// Why the model (or its input pipeline) cannot work at one point of the space: the diagnostic
/// its message builder made, which the shape checker completes with the point where it fails.
/// </summary>
internal sealed class ShapeFailure : Exception
{
    public ShapeFailure(Diagnostic diagnostic)
        : base(diagnostic.Message)
    {
        Diagnostic = diagnostic;
    }

    public ShapeFailure()
        : this(string.Empty)
    {
    }

    public ShapeFailure(string message)
        : base(message)
    {
        Diagnostic = UnexplainedShapeFailure(message);
    }

    public ShapeFailure(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostic = UnexplainedShapeFailure(message);
    }

    /// <summary>What the spec's author is told (for a failure of one point, without the point yet).</summary>
    public Diagnostic Diagnostic { get; }

    /// <summary>True when another checker reports the problem; the point is only left out.</summary>
    public bool Silent { get; private init; }

    /// <summary>A point that cannot be built because an argument is out of its range, which <see cref="ArgumentRangeChecker"/> reports at the argument.</summary>
    public static ShapeFailure LeftOut(SourceSpan layer) => new(PointOutOfRange(layer)) { Silent = true };
}
