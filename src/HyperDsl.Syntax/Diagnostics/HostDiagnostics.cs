namespace HyperDsl.Syntax.Diagnostics;

/// <summary>
/// The diagnostics of the hosts around the compiler (the build tool, the MSBuild targets, the
/// generator and the assembly compiler): HYP0000, HYP5001, HYP5002 and HYP9001. Each code is
/// defined here once, with the builder of its message, so a host never writes a code by hand.
/// </summary>
public static class HostDiagnostics
{
    /// <summary>HYP0000: a file HyperDsl must read or write (the spec, the generated C#) cannot be.</summary>
    public static readonly DiagnosticDescriptor FileAccessDescriptor = new("HYP0000", DiagnosticSeverity.Error, "File cannot be read or written");

    /// <summary>HYP5001: a construct the code generator does not translate yet.</summary>
    public static readonly DiagnosticDescriptor NotGeneratedDescriptor = new("HYP5001", DiagnosticSeverity.Error, "Not supported by the code generator yet");

    /// <summary>
    /// HYP5002: <c>dotnet build</c> stopped because a spec did not compile. Written by
    /// HyperDsl.Build.targets (MSBuild's <c>Error</c> task), whose code a test keeps equal to this.
    /// </summary>
    public static readonly DiagnosticDescriptor SpecDidNotCompileDescriptor = new("HYP5002", DiagnosticSeverity.Error, "A spec did not compile during `dotnet build`");

    /// <summary>HYP9001: generated C# that does not compile or is not what the generator meant, a HyperDsl bug.</summary>
    public static readonly DiagnosticDescriptor InternalErrorDescriptor = new("HYP9001", DiagnosticSeverity.Error, "Generated C# that does not compile");

    /// <summary>All host descriptors, in code order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
        [FileAccessDescriptor, NotGeneratedDescriptor, SpecDidNotCompileDescriptor, InternalErrorDescriptor];

    /// <summary>HYP0000 in canonical form: the spec at <paramref name="path"/> cannot be read, for <paramref name="reason"/>.</summary>
    public static string SpecUnreadable(string path, string reason) =>
        DiagnosticFormatter.ToCanonical(path, FileAccessDescriptor, $"cannot read the spec: {reason}.");

    /// <summary>HYP0000 in canonical form: the C# generated for the spec at <paramref name="path"/> cannot be written.</summary>
    public static string GeneratedCodeUnwritable(string path, string reason) =>
        DiagnosticFormatter.ToCanonical(path, FileAccessDescriptor, $"cannot write the generated C#: {reason}");

    /// <summary>HYP0000 at the start of an editor's document larger than a spec file may be (<paramref name="maxBytes"/>), which the language server does not check.</summary>
    public static Diagnostic DocumentTooLarge(Text.SourceSpan span, long bytes, long maxBytes) =>
        new(FileAccessDescriptor, span,
            $"The document is not checked: it is {bytes:N0} bytes, and a spec may have at most {maxBytes:N0} (hyp check refuses it too).",
            "Split it into smaller files that import each other.");

    /// <summary>HYP5001: the generator cannot translate <paramref name="experiment"/> yet, because of <paramref name="unsupported"/>.</summary>
    public static Diagnostic NotGenerated(Text.SourceSpan span, string experiment, string unsupported) =>
        new(NotGeneratedDescriptor, span, $"C# for '{experiment}' cannot be generated yet: {unsupported}");

    /// <summary>HYP9001 at an experiment: what was generated for it is not what the generator meant.</summary>
    public static Diagnostic GeneratedCodeNotMeant(Text.SourceSpan span, string experiment, string problem) =>
        new(InternalErrorDescriptor, span, $"The C# generated for '{experiment}' is not what the generator meant ({problem}); this is a bug in HyperDsl, so nothing was generated. Please report it with the spec.");

    /// <summary>The text of HYP9001 when generated C# does not compile, with the compiler's first errors.</summary>
    public static string GeneratedCodeDoesNotCompileText(string keptAt, IEnumerable<string> errors) =>
        $"{InternalErrorDescriptor.Code}: the generated C# does not compile; this is a bug in HyperDsl. The sources are kept in {keptAt}. First errors:\n{string.Join("\n", errors.Take(5))}";

    /// <summary>The text of HYP9001 when generated C# declares what the generator did not mean, so it was refused unseen by the compiler.</summary>
    public static string GeneratedCodeRefusedText(string keptAt, IEnumerable<string> problems) =>
        $"{InternalErrorDescriptor.Code}: the generated C# is not what the generator meant, so it was neither compiled nor run; this is a bug in HyperDsl. The sources are kept in {keptAt}. First problems:\n{string.Join("\n", problems.Take(5))}";
}
