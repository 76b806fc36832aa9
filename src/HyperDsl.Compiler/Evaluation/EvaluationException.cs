using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Compiler.Evaluation;

/// <summary>
/// An expression that cannot be computed at a point of the space (a division that is not
/// whole, an index past the end). Caught by the checker and reported with the point.
/// </summary>
internal sealed class EvaluationException : Exception
{
    public EvaluationException(DiagnosticDescriptor descriptor, SyntaxNode node, string message)
        : base(message)
    {
        Descriptor = descriptor;
        Node = node;
    }

    public EvaluationException()
        : this(Diagnostics.CompilerDiagnostics.TypeMismatchDescriptor, new MissingExpressionSyntax(default), "")
    {
    }

    public EvaluationException(string message)
        : this(Diagnostics.CompilerDiagnostics.TypeMismatchDescriptor, new MissingExpressionSyntax(default), message)
    {
    }

    public EvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Descriptor = Diagnostics.CompilerDiagnostics.TypeMismatchDescriptor;
        Node = new MissingExpressionSyntax(default);
    }

    public DiagnosticDescriptor Descriptor { get; }

    public SyntaxNode Node { get; }
}
