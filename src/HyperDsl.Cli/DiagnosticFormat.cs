namespace HyperDsl.Cli;

/// <summary>How <c>hyp check</c> prints diagnostics.</summary>
internal enum DiagnosticFormat
{
    /// <summary>Annotated on a terminal, canonical otherwise.</summary>
    Auto,

    /// <summary>One MSBuild-style line per diagnostic, for tools.</summary>
    Canonical,

    /// <summary>The canonical line plus the source line, a caret and any help, for people.</summary>
    Annotated,
}
