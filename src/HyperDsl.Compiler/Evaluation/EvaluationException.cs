using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Compiler.Evaluation;

/// <summary>
/// An expression that cannot be computed at a point of the space (a division that is not
/// whole, an index past the end). Caught by the checker and reported with the point.
/// </summary>
internal sealed class EvaluationException : Exception
{
    public EvaluationException(DiagnosticDescriptor descriptor, SourceSpan span, string message)
        : base(message)
    {
        Descriptor = descriptor;
        Span = span;
    }

    public EvaluationException()
        : this(Diagnostics.CompilerDiagnostics.TypeMismatchDescriptor, default, "")
    {
    }

    public EvaluationException(string message)
        : this(Diagnostics.CompilerDiagnostics.TypeMismatchDescriptor, default, message)
    {
    }

    public EvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Descriptor = Diagnostics.CompilerDiagnostics.TypeMismatchDescriptor;
        Span = default;
    }

    public DiagnosticDescriptor Descriptor { get; }

    /// <summary>Where the expression that failed is written.</summary>
    public SourceSpan Span { get; }
}
