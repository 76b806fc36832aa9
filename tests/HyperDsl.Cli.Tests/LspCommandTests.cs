using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using StreamJsonRpc;

namespace HyperDsl.Cli.Tests;

/// <summary>
/// The real <c>hyp lsp</c> process, driven over its standard input and output as an editor drives
/// it; the language server's features are tested in process by HyperDsl.LanguageServer.Tests.
/// </summary>
public sealed class LspCommandTests : IDisposable
{
    private const string Spec = """
        experiment small {
          data {
            source fashion_mnist()
          }

          params {
            lr ~ loguniform(1e-3, 3e-2)
          }

          model {
            flatten
            linear( 10, colour: 2)
          }

          train {
            epochs    1
            optimizer adam(lr: lrr)
          }

          tune {
            objective maximize val_accuracy
            trials    2
          }
        }

        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-lsp-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Hyp_lsp_publishes_what_hyp_check_reports_formats_and_exits_cleanly()
    {
        var path = Path.Combine(_folder, "small.hyp");
        await File.WriteAllTextAsync(path, Spec);
        var uri = new Uri(path).AbsoluteUri;
        var check = CliRunner.Run("check", "--format", "canonical", path);

        using var process = StartServer();
        var published = Channel.CreateUnbounded<JsonElement>();
        using var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, new SystemTextJsonFormatter()));
        var onPublish = new Action<JsonElement>(p => published.Writer.TryWrite(p.Clone()));
        rpc.AddLocalRpcMethod(onPublish.Method, onPublish.Target, new JsonRpcMethodAttribute("textDocument/publishDiagnostics") { UseSingleObjectParameterDeserialization = true });
        rpc.StartListening();

        var initialized = await rpc.InvokeWithParameterObjectAsync<JsonElement>("initialize", new { processId = Environment.ProcessId, rootUri = new Uri(_folder).AbsoluteUri, capabilities = new { } });
        await rpc.NotifyWithParameterObjectAsync("initialized", new { });
        await rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "hyp", version = 1, text = Spec } });
        var diagnostics = (await published.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60))).GetProperty("diagnostics");
        var edits = await rpc.InvokeWithParameterObjectAsync<JsonElement>("textDocument/formatting", new { textDocument = new { uri }, options = new { tabSize = 2, insertSpaces = true } });
        await rpc.InvokeWithParameterObjectAsync<JsonElement>("shutdown", new { });
        await rpc.NotifyWithParameterObjectAsync("exit", new { });

        Assert.True(process.WaitForExit(30_000), "hyp lsp did not exit after 'exit'.");
        Assert.Equal(0, process.ExitCode);
        Assert.True(initialized.GetProperty("capabilities").GetProperty("documentFormattingProvider").GetBoolean());
        var lines = check.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.Length, diagnostics.GetArrayLength());
        Assert.True(lines.Length >= 2, check.Output);
        foreach (var (line, diagnostic) in lines.Zip(diagnostics.EnumerateArray()))
        {
            var start = diagnostic.GetProperty("range").GetProperty("start");
            var severity = diagnostic.GetProperty("severity").GetInt32() == 1 ? "error" : "warning";
            Assert.StartsWith($"{path}({start.GetProperty("line").GetInt32() + 1},{start.GetProperty("character").GetInt32() + 1}): {severity} {diagnostic.GetProperty("code").GetString()}: ", line, StringComparison.Ordinal);
            Assert.Contains(diagnostic.GetProperty("message").GetString()!.Split('\n')[0].TrimEnd('.'), line, StringComparison.Ordinal);
        }

        Assert.Contains("    linear(10, colour: 2)\n", Assert.Single(edits.EnumerateArray()).GetProperty("newText").GetString(), StringComparison.Ordinal);
    }

    private Process StartServer()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hyp.dll"));
        start.ArgumentList.Add("lsp");
        start.ArgumentList.Add("--stdio");
        return Process.Start(start)!;
    }
}
