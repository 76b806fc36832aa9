namespace HyperDsl.LanguageServer.Protocol;

/// <summary><c>textDocument/publishDiagnostics</c>: every diagnostic of one document, replacing what was published before.</summary>
internal sealed record PublishDiagnosticsParams(string Uri, IReadOnlyList<LspDiagnostic> Diagnostics, int? Version = null);

/// <summary>One problem (LSP <c>Diagnostic</c>); severity 1 error, 2 warning, 3 information.</summary>
internal sealed record LspDiagnostic(Range Range, int Severity, string Code, string Source, string Message);

/// <summary><c>window/showMessage</c>: a message for the user; type 1 is an error.</summary>
internal sealed record ShowMessageParams(int Type, string Message);
