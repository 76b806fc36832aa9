using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Compiler.Checking;

/// <summary>Why the model (or its input pipeline) cannot work at one point of the space.</summary>
internal sealed class ShapeFailure : Exception
{
    public ShapeFailure(DiagnosticDescriptor descriptor, SourceSpan span, string message, string? help)
        : base(message)
    {
        Descriptor = descriptor;
        Span = span;
        Help = help;
    }

    public ShapeFailure()
    {
        Descriptor = Diagnostics.CompilerDiagnostics.ChannelMismatchDescriptor;
    }

    public ShapeFailure(string message)
        : base(message)
    {
        Descriptor = Diagnostics.CompilerDiagnostics.ChannelMismatchDescriptor;
    }

    public ShapeFailure(string message, Exception innerException)
        : base(message, innerException)
    {
        Descriptor = Diagnostics.CompilerDiagnostics.ChannelMismatchDescriptor;
    }

    public DiagnosticDescriptor Descriptor { get; }

    /// <summary>True when another checker reports the problem; the point is only left out.</summary>
    public bool Silent { get; init; }

    public SourceSpan Span { get; }

    public string? Help { get; }
}
