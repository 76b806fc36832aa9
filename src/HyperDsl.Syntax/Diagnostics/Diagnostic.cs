using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Diagnostics;

/// <summary>
/// A problem found in a spec: what is wrong (the message), where (the span) and, when there is
/// more to say, what to do (the help). User mistakes are always diagnostics, never exceptions.
/// </summary>
/// <param name="Descriptor">The kind of problem, which fixes the code and severity.</param>
/// <param name="Span">Where the problem is; may be empty (at a position) but is always inside the file.</param>
/// <param name="Message">One sentence saying what is wrong and what is expected.</param>
/// <param name="Help">An optional further hint, shown under the source line in a terminal.</param>
public sealed record Diagnostic(DiagnosticDescriptor Descriptor, SourceSpan Span, string Message, string? Help = null)
{
    /// <summary>The stable code, such as <c>HYP0010</c>.</summary>
    public string Code => Descriptor.Code;

    /// <summary>The severity of this diagnostic.</summary>
    public DiagnosticSeverity Severity => Descriptor.Severity;

    /// <summary>True when this diagnostic stops the spec from compiling.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <inheritdoc />
    public override string ToString() => DiagnosticFormatter.ToCanonical(this);
}
