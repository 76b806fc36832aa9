using System.Diagnostics.CodeAnalysis;
using HyperDsl.LanguageServer.Analysis;
using HyperDsl.LanguageServer.Features;
using HyperDsl.LanguageServer.Protocol;
using StreamJsonRpc;

namespace HyperDsl.LanguageServer;

/// <summary>
/// The LSP methods, one per message, and the open documents. Every change re-checks its document
/// in-process and publishes the diagnostics; requests read the latest check of their document.
/// Messages are delivered one at a time (<see cref="HypLanguageServer"/>); the lock keeps the state
/// whole should a continuation run beside the next message.
/// </summary>
internal sealed class LanguageServerSession(JsonRpc rpc)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DocumentAnalysis> _documents = new(StringComparer.Ordinal);

    // Per document, its last version that parsed: what completion takes names from while the text being typed does not parse.
    private readonly Dictionary<string, DocumentAnalysis> _lastParsed = new(StringComparer.Ordinal);
    private readonly DiagnosticPublisher _publisher = new();
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the exit code when the client sends <c>exit</c>.</summary>
    public Task<int> Exited => _exited.Task;

    public bool ShutdownRequested { get; private set; }

    [JsonRpcMethod("initialize")]
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "StreamJsonRpc exposes the target object's instance methods, as every other message here.")]
    public InitializeResult Initialize(InitializeParams parameters) =>
        new(new ServerCapabilities(
                new TextDocumentSyncOptions(OpenClose: true, Change: 1, Save: true),
                DocumentFormattingProvider: true,
                HoverProvider: true,
                new CompletionOptions([":", "~", "(", ","]),
                DefinitionProvider: true,
                ReferencesProvider: true,
                new RenameOptions(PrepareProvider: true),
                new SemanticTokensOptions(new SemanticTokensLegend(SemanticTokensProvider.TokenTypes, SemanticTokensProvider.TokenModifiers), Full: true)),
            new ServerInfo("hyp", typeof(LanguageServerSession).Assembly.GetName().Version?.ToString(3) ?? "0"));

    [JsonRpcMethod("initialized")]
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "StreamJsonRpc exposes the target object's instance methods, as every other message here.")]
    public void Initialized()
    {
        // Nothing to do: the server registers no capabilities dynamically.
    }

    [JsonRpcMethod("shutdown")]
    public object? Shutdown()
    {
        ShutdownRequested = true;
        return null;
    }

    [JsonRpcMethod("exit")]
    public void Exit() => _exited.TrySetResult(ShutdownRequested ? 0 : 1);

    [JsonRpcMethod("textDocument/didOpen")]
    public Task DidOpenAsync(DidOpenTextDocumentParams parameters) =>
        CheckAsync(parameters.TextDocument.Uri, parameters.TextDocument.Version, parameters.TextDocument.Text);

    [JsonRpcMethod("textDocument/didChange")]
    public Task DidChangeAsync(DidChangeTextDocumentParams parameters)
    {
        // Full sync was announced, so each change should be the whole text; a change with a range
        // (a client that syncs incrementally regardless) is applied to the text it edits.
        var text = Document(parameters.TextDocument.Uri)?.Tree.File.Text ?? "";
        foreach (var change in parameters.ContentChanges)
        {
            if (change.Range is not { } range)
            {
                text = change.Text;
                continue;
            }

            var file = new Syntax.Text.SourceFile(parameters.TextDocument.Uri, text);
            var start = LspPositions.ToOffset(file, range.Start);
            var end = Math.Max(start, LspPositions.ToOffset(file, range.End));
            text = string.Concat(text.AsSpan(0, start), change.Text, text.AsSpan(end));
        }

        return CheckAsync(parameters.TextDocument.Uri, parameters.TextDocument.Version, text);
    }

    [JsonRpcMethod("textDocument/didSave")]
    public async Task DidSaveAsync(DidSaveTextDocumentParams parameters)
    {
        // The saved file may be imported by other open documents, whose imports are read from disk.
        List<DocumentAnalysis> others;
        lock (_gate)
        {
            others = [.. _documents.Values.Where(d => d.Uri != parameters.TextDocument.Uri)];
        }

        foreach (var other in others)
        {
            await CheckAsync(other.Uri, other.Version, other.Tree.File.Text).ConfigureAwait(false);
        }
    }

    [JsonRpcMethod("textDocument/didClose")]
    public async Task DidCloseAsync(DidCloseTextDocumentParams parameters)
    {
        IReadOnlyList<PublishDiagnosticsParams> publish;
        lock (_gate)
        {
            _documents.Remove(parameters.TextDocument.Uri);
            _lastParsed.Remove(parameters.TextDocument.Uri);
            publish = _publisher.Close(parameters.TextDocument.Uri);
        }

        await PublishAsync(publish).ConfigureAwait(false);
    }

    [JsonRpcMethod("textDocument/formatting")]
    public IReadOnlyList<TextEdit> Formatting(DocumentFormattingParams parameters) =>
        Document(parameters.TextDocument.Uri) is { } analysis ? DocumentFormatter.Format(analysis) : [];

    [JsonRpcMethod("textDocument/semanticTokens/full")]
    public SemanticTokens? SemanticTokens(SemanticTokensParams parameters) =>
        Document(parameters.TextDocument.Uri) is { } analysis ? SemanticTokensProvider.Full(analysis) : null;

    [JsonRpcMethod("textDocument/hover")]
    public Hover? Hover(TextDocumentPositionParams parameters) =>
        At(parameters.TextDocument, parameters.Position, HoverProvider.At);

    [JsonRpcMethod("textDocument/completion")]
    public IReadOnlyList<CompletionItem> Completion(TextDocumentPositionParams parameters) =>
        At(parameters.TextDocument, parameters.Position, (analysis, offset) => CompletionProvider.At(analysis, LastParsed(analysis), offset)) ?? [];

    [JsonRpcMethod("textDocument/definition")]
    public IReadOnlyList<Location> Definition(TextDocumentPositionParams parameters) =>
        At(parameters.TextDocument, parameters.Position, NavigationProvider.Definition) ?? [];

    [JsonRpcMethod("textDocument/references")]
    public IReadOnlyList<Location> References(ReferenceParams parameters) =>
        At(parameters.TextDocument, parameters.Position, (analysis, offset) => NavigationProvider.References(analysis, offset, parameters.Context?.IncludeDeclaration ?? true)) ?? [];

    [JsonRpcMethod("textDocument/prepareRename")]
    public PrepareRenameResult? PrepareRename(TextDocumentPositionParams parameters) =>
        At(parameters.TextDocument, parameters.Position, NavigationProvider.PrepareRename);

    [JsonRpcMethod("textDocument/rename")]
    public WorkspaceEdit? Rename(RenameParams parameters) =>
        At(parameters.TextDocument, parameters.Position, (analysis, offset) => NavigationProvider.Rename(analysis, offset, parameters.NewName));

    // A request at a position of an open document; null for a document the client did not open.
    private T? At<T>(TextDocumentIdentifier document, Position position, Func<DocumentAnalysis, int, T> answer)
        where T : class? =>
        Document(document.Uri) is { } analysis ? answer(analysis, LspPositions.ToOffset(analysis.Tree.File, position)) : null;

    private DocumentAnalysis LastParsed(DocumentAnalysis analysis)
    {
        lock (_gate)
        {
            return _lastParsed.GetValueOrDefault(analysis.Uri) ?? analysis;
        }
    }

    private DocumentAnalysis? Document(string uri)
    {
        lock (_gate)
        {
            return _documents.GetValueOrDefault(uri);
        }
    }

    private async Task CheckAsync(string uri, int version, string text)
    {
        DocumentAnalysis analysis;
        try
        {
            analysis = SpecAnalyzer.Analyze(uri, version, text);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The checker reports every mistake as a diagnostic; an exception is a bug. The server
            // stays up, keeps the document's last check, and says so in one line, as hyp check does.
            await rpc.NotifyWithParameterObjectAsync("window/showMessage", new ShowMessageParams(1,
                $"hyp lsp: checking {uri} failed, which is a bug in HyperDsl ({error.GetType().Name}: {Syntax.Diagnostics.DiagnosticText.Excerpt(error.Message)}). Please report it with the spec.")).ConfigureAwait(false);
            return;
        }

        IReadOnlyList<PublishDiagnosticsParams> publish;
        lock (_gate)
        {
            _documents[uri] = analysis;
            if (!analysis.Tree.HasErrors)
            {
                _lastParsed[uri] = analysis;
            }

            publish = _publisher.Update(uri, version, DiagnosticConverter.ByDocument(analysis));
        }

        await PublishAsync(publish).ConfigureAwait(false);
    }

    private async Task PublishAsync(IEnumerable<PublishDiagnosticsParams> publish)
    {
        foreach (var parameters in publish)
        {
            await rpc.NotifyWithParameterObjectAsync("textDocument/publishDiagnostics", parameters).ConfigureAwait(false);
        }
    }
}
