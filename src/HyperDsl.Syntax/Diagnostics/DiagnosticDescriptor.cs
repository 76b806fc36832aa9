namespace HyperDsl.Syntax.Diagnostics;

/// <summary>
/// The stable identity of one kind of diagnostic: its code, default severity and a short title.
/// Every descriptor is listed in docs/diagnostics.md; a test keeps the two in step.
/// </summary>
/// <param name="Code">The stable code, such as <c>HYP0010</c>. Codes are never reused.</param>
/// <param name="Severity">The severity diagnostics of this kind are reported with.</param>
/// <param name="Title">A short, message-independent description for documentation.</param>
public sealed record DiagnosticDescriptor(string Code, DiagnosticSeverity Severity, string Title);
