using HyperDsl.LanguageServer.Protocol;
using Microsoft.VisualStudio.Threading;
using StreamJsonRpc;

namespace HyperDsl.LanguageServer;

/// <summary>
/// Runs the language server over a pair of streams (stdin and stdout for <c>hyp lsp</c>): LSP's
/// base protocol (<c>Content-Length</c> headers, JSON-RPC 2.0) through StreamJsonRpc, messages
/// handled one at a time in the order they arrive, so that each change is checked before the
/// requests that follow it are answered.
/// </summary>
public static class HypLanguageServer
{
    /// <summary>Serves until the client sends <c>exit</c> or closes the stream; returns the process exit code LSP asks for (0 after <c>shutdown</c>, else 1).</summary>
    public static async Task<int> RunAsync(Stream input, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = ProtocolJson.Options };
        using var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(output, input, formatter))
        {
            // One message at a time, in order: a request after a didChange sees the new text.
            SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false),
        };
        var session = new LanguageServerSession(rpc);
        rpc.AddLocalRpcTarget(session, new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
        rpc.StartListening();
        using var registration = cancellationToken.Register(() => session.Exit());
        var finished = await Task.WhenAny(rpc.Completion, session.Exited).ConfigureAwait(false);
        if (finished == rpc.Completion)
        {
            // The client closed the stream without 'exit'.
            return session.ShutdownRequested ? 0 : 1;
        }

        return await session.Exited.ConfigureAwait(false);
    }
}
