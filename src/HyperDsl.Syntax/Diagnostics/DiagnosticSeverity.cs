namespace HyperDsl.Syntax.Diagnostics;

/// <summary>How serious a diagnostic is. Only errors stop a spec from being compiled or run.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Information, such as a note that reporting was cut short.</summary>
    Info,

    /// <summary>Likely a mistake, but the spec can still run.</summary>
    Warning,

    /// <summary>The spec cannot be compiled or run until this is fixed.</summary>
    Error,
}
