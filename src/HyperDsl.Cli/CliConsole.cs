namespace HyperDsl.Cli;

/// <summary>Where the CLI writes, and whether a person is watching; tests pass their own.</summary>
/// <param name="Out">Standard output: diagnostics and results.</param>
/// <param name="Error">Standard error: usage and I/O problems.</param>
/// <param name="IsTerminal">True when standard output is a terminal rather than a pipe or file.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool IsTerminal);
