using System.Text.Json;
using System.Threading.Channels;
using HyperDsl.LanguageServer.Protocol;
using Nerdbank.Streams;
using StreamJsonRpc;

namespace HyperDsl.LanguageServer.Tests;

/// <summary>
/// Talks to the language server as an editor does: LSP messages over a stream, requests written as
/// the specification spells them (plain JSON objects), answers read as JSON. In memory, the server
/// runs on the other end of a duplex stream in this process.
/// </summary>
internal sealed class LspTestClient : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly JsonRpc _rpc;
    private readonly List<JsonElement> _published = [];
    private readonly Channel<bool> _publishedSignal = Channel.CreateUnbounded<bool>();
    private readonly Task<int> _server;

    private LspTestClient(Stream stream, Task<int> server)
    {
        _server = server;
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = ProtocolJson.Options };
        _rpc = new JsonRpc(new HeaderDelimitedMessageHandler(stream, stream, formatter));
        var publish = new Action<JsonElement>(Published);
        _rpc.AddLocalRpcMethod(publish.Method, publish.Target, new JsonRpcMethodAttribute("textDocument/publishDiagnostics") { UseSingleObjectParameterDeserialization = true });
        _rpc.StartListening();
    }

    private void Published(JsonElement parameters)
    {
        lock (_published)
        {
            _published.Add(parameters.Clone());
        }

        _publishedSignal.Writer.TryWrite(true);
    }

    /// <summary>The server's exit code once it has stopped.</summary>
    public Task<int> ServerExit => _server;

    /// <summary>A server in this process, on the other end of an in-memory duplex stream.</summary>
    public static LspTestClient InMemory()
    {
        var (client, server) = FullDuplexStream.CreatePair();
        var running = Task.Run(() => HypLanguageServer.RunAsync(server, server));
        return new LspTestClient(client, running);
    }

    /// <summary>A client, initialized, of a server in this process.</summary>
    public static async Task<LspTestClient> StartAsync()
    {
        var client = InMemory();
        await client.InitializeAsync();
        return client;
    }

    public async Task<JsonElement> InitializeAsync()
    {
        var result = await RequestAsync("initialize", new { processId = Environment.ProcessId, rootUri = (string?)null, capabilities = new { } });
        await NotifyAsync("initialized", new { });
        return result;
    }

    public Task<JsonElement> RequestAsync(string method, object parameters) =>
        _rpc.InvokeWithParameterObjectAsync<JsonElement>(method, parameters).WaitAsync(Patience);

    public Task NotifyAsync(string method, object parameters) => _rpc.NotifyWithParameterObjectAsync(method, parameters);

    public Task OpenAsync(string uri, string text, int version = 1) =>
        NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "hyp", version, text } });

    public Task ChangeAsync(string uri, string text, int version) =>
        NotifyAsync("textDocument/didChange", new { textDocument = new { uri, version }, contentChanges = new[] { new { text } } });

    public Task CloseAsync(string uri) => NotifyAsync("textDocument/didClose", new { textDocument = new { uri } });

    /// <summary>Opens a document and returns the diagnostics published for it.</summary>
    public async Task<JsonElement> OpenAndCheckAsync(string uri, string text, int version = 1)
    {
        await OpenAsync(uri, text, version);
        return await DiagnosticsAsync(uri, version);
    }

    /// <summary>The first diagnostics published for <paramref name="uri"/> (at <paramref name="version"/>, when given) not yet taken; those published for other documents wait for their turn.</summary>
    public async Task<JsonElement> DiagnosticsAsync(string uri, int? version = null)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            lock (_published)
            {
                var index = _published.FindIndex(p => p.GetProperty("uri").GetString() == uri
                    && (version is null || (p.TryGetProperty("version", out var v) && v.GetInt32() == version)));
                if (index >= 0)
                {
                    var found = _published[index];
                    _published.RemoveAt(index);
                    return found.GetProperty("diagnostics");
                }
            }

            await _publishedSignal.Reader.ReadAsync(timeout.Token);
        }
    }

    /// <summary>The request LSP names <paramref name="method"/> at a position of a document.</summary>
    public Task<JsonElement> AtAsync(string method, string uri, int line, int character, object? extra = null) =>
        RequestAsync(method, extra is null
            ? new { textDocument = new { uri }, position = new { line, character } }
            : (object)new { textDocument = new { uri }, position = new { line, character }, context = extra });

    public async Task<int> ShutdownAsync()
    {
        await RequestAsync("shutdown", new { });
        await NotifyAsync("exit", new { });
        return await _server.WaitAsync(Patience);
    }

    public async ValueTask DisposeAsync()
    {
        _rpc.Dispose();
        await Task.WhenAny(_server, Task.Delay(Patience));
    }
}
