using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Compiler.Diagnostics;

/// <summary>
/// Every diagnostic HyperDsl reports, in code order: the syntax codes (<see cref="SyntaxDiagnostics"/>),
/// the checker's (<see cref="CompilerDiagnostics"/>) and the hosts' (<see cref="HostDiagnostics"/>).
/// Each code is defined once and means one problem; docs/diagnostics.md lists exactly these.
/// </summary>
public static class DiagnosticCatalog
{
    /// <summary>All descriptors, in code order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
        [.. SyntaxDiagnostics.All.Concat(CompilerDiagnostics.All).Concat(HostDiagnostics.All).OrderBy(d => d.Code, StringComparer.Ordinal)];

    /// <summary>The descriptor of <paramref name="code"/>, or null when no diagnostic has it.</summary>
    public static DiagnosticDescriptor? Find(string code) => All.FirstOrDefault(d => d.Code == code);
}
