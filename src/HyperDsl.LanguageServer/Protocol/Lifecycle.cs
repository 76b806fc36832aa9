namespace HyperDsl.LanguageServer.Protocol;

/// <summary>The client's <c>initialize</c> request; the server needs nothing from it but accepts it whole.</summary>
internal sealed record InitializeParams(int? ProcessId, string? RootUri);

/// <summary>The answer to <c>initialize</c>: what the server can do.</summary>
internal sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

/// <summary>The server's name and version.</summary>
internal sealed record ServerInfo(string Name, string Version);

/// <summary>The features the server offers (LSP <c>ServerCapabilities</c>).</summary>
internal sealed record ServerCapabilities(
    TextDocumentSyncOptions TextDocumentSync,
    bool DocumentFormattingProvider,
    bool HoverProvider,
    CompletionOptions CompletionProvider,
    bool DefinitionProvider,
    bool ReferencesProvider,
    RenameOptions RenameProvider,
    SemanticTokensOptions? SemanticTokensProvider);

/// <summary>How documents are synchronised: opened and closed, whole text on every change (<c>change: 1</c>), saves announced.</summary>
internal sealed record TextDocumentSyncOptions(bool OpenClose, int Change, bool Save);

/// <summary>The characters after which the client should ask for completions on its own.</summary>
internal sealed record CompletionOptions(IReadOnlyList<string> TriggerCharacters);

/// <summary>Rename with <c>textDocument/prepareRename</c> support.</summary>
internal sealed record RenameOptions(bool PrepareProvider);

/// <summary>Whole-document semantic tokens with this legend.</summary>
internal sealed record SemanticTokensOptions(SemanticTokensLegend Legend, bool Full);

/// <summary>The token types and modifiers that the numbers of semantic tokens index.</summary>
internal sealed record SemanticTokensLegend(IReadOnlyList<string> TokenTypes, IReadOnlyList<string> TokenModifiers);
