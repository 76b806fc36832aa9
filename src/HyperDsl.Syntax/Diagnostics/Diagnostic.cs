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
    // Messages quote spec text; whoever built one, what a diagnostic holds is safe to print.
    private readonly string _message = DiagnosticText.Bound(Message);
    private readonly string? _help = Help is null ? null : DiagnosticText.Bound(Help);

    /// <summary>One sentence saying what is wrong and what is expected, with unsafe characters escaped (<see cref="DiagnosticText.Bound"/>).</summary>
    public string Message
    {
        get => _message;
        init => _message = DiagnosticText.Bound(value);
    }

    /// <summary>An optional further hint, escaped like <see cref="Message"/>.</summary>
    public string? Help
    {
        get => _help;
        init => _help = value is null ? null : DiagnosticText.Bound(value);
    }

    /// <summary>The stable code, such as <c>HYP0010</c>.</summary>
    public string Code => Descriptor.Code;

    /// <summary>The severity of this diagnostic.</summary>
    public DiagnosticSeverity Severity => Descriptor.Severity;

    /// <summary>True when this diagnostic stops the spec from compiling.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <inheritdoc />
    public override string ToString() => DiagnosticFormatter.ToCanonical(this);
}
