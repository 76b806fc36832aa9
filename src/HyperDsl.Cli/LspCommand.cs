using System.CommandLine;
using HyperDsl.LanguageServer;

namespace HyperDsl.Cli;

/// <summary>
/// <c>hyp lsp</c>: the language server for editors, speaking LSP on standard input and output
/// with the compiler in-process (see docs/editor-and-source-control.md). Standard output carries
/// protocol messages only; nothing else may write to it while the server runs.
/// </summary>
internal static class LspCommand
{
    public static Command Create()
    {
        var stdio = new Option<bool>("--stdio")
        {
            Description = "Speak LSP on standard input and output (the only transport, and the default; accepted because editors pass it).",
        };
        var command = new Command("lsp", "Run the language server (LSP over standard input and output) that editors start: diagnostics as you type, hover, completion, go to definition, rename and formatting.") { stdio };
        command.SetAction(async (_, cancellationToken) =>
        {
            using var input = Console.OpenStandardInput();
            using var output = Console.OpenStandardOutput();
            return await HypLanguageServer.RunAsync(input, output, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
