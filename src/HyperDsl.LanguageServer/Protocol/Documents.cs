namespace HyperDsl.LanguageServer.Protocol;

/// <summary>A document as the client opened it.</summary>
internal sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);

/// <summary>A document at a version.</summary>
internal sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

/// <summary><c>textDocument/didOpen</c>.</summary>
internal sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

/// <summary><c>textDocument/didChange</c>: with full sync, each change holds the whole new text.</summary>
internal sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, IReadOnlyList<TextDocumentContentChangeEvent> ContentChanges);

/// <summary>One change; a change with a range (incremental sync) is not asked for by this server.</summary>
internal sealed record TextDocumentContentChangeEvent(string Text, Range? Range = null);

/// <summary><c>textDocument/didClose</c>.</summary>
internal sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);

/// <summary><c>textDocument/didSave</c>.</summary>
internal sealed record DidSaveTextDocumentParams(TextDocumentIdentifier TextDocument);
