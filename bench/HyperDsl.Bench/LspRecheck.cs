using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using HyperDsl.Compiler;
using HyperDsl.Compiler.Resolution;
using HyperDsl.LanguageServer;
using HyperDsl.Syntax;
using Nerdbank.Streams;
using StreamJsonRpc;

namespace HyperDsl.Bench;

/// <summary>
/// How long the language server takes to re-check the 200-line spec after a change (issue 16's
/// target: a few tens of ms), measured as an editor sees it: from sending <c>didChange</c> with
/// the whole new text to receiving its <c>publishDiagnostics</c>, over an in-memory duplex stream.
/// The same run times <see cref="HypCompilation.Create"/> on the same texts, the check alone, as
/// the baseline: the ratio is what the protocol and the server add.
/// </summary>
internal static class LspRecheck
{
    private const int WarmUpChanges = 300;
    private const int TimedChanges = 100;
    private const double TargetMilliseconds = 50;

    public static async Task<int> RunAsync(TextWriter output)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Specs", BenchmarkInputs.SpecFileName);
        var original = await File.ReadAllTextAsync(path).ConfigureAwait(false);

        // Each change edits a number, so every version is new text that still checks the same way.
        string Version(int i) => original.Replace("epochs    10", $"epochs    {10 + (i % 7)}", StringComparison.Ordinal);
        if (Version(1) == original)
        {
            await output.WriteLineAsync("HyperDsl.Bench: the spec no longer has 'epochs    10', which the changes edit; nothing was measured.").ConfigureAwait(false);
            return 2;
        }

        var uri = new Uri(path).AbsoluteUri;
        var (clientStream, serverStream) = FullDuplexStream.CreatePair();
        var server = Task.Run(() => HypLanguageServer.RunAsync(serverStream, serverStream));
        var published = Channel.CreateUnbounded<int>();
        using var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(clientStream, clientStream, new SystemTextJsonFormatter()));
        var onPublish = new Action<JsonElement>(p => published.Writer.TryWrite(p.TryGetProperty("version", out var v) ? v.GetInt32() : -1));
        rpc.AddLocalRpcMethod(onPublish.Method, onPublish.Target, new JsonRpcMethodAttribute("textDocument/publishDiagnostics") { UseSingleObjectParameterDeserialization = true });
        rpc.StartListening();
        await rpc.InvokeWithParameterObjectAsync<JsonElement>("initialize", new { processId = Environment.ProcessId, capabilities = new { } }).ConfigureAwait(false);
        await rpc.NotifyWithParameterObjectAsync("initialized", new { }).ConfigureAwait(false);
        await rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "hyp", version = 0, text = original } }).ConfigureAwait(false);
        await published.Reader.ReadAsync().ConfigureAwait(false);

        async Task<double> ChangeAsync(int version)
        {
            var watch = Stopwatch.StartNew();
            await rpc.NotifyWithParameterObjectAsync("textDocument/didChange", new { textDocument = new { uri, version }, contentChanges = new[] { new { text = Version(version) } } }).ConfigureAwait(false);
            while (await published.Reader.ReadAsync().ConfigureAwait(false) != version)
            {
            }

            return watch.Elapsed.TotalMilliseconds;
        }

        double Check(int version)
        {
            var watch = Stopwatch.StartNew();
            HypCompilation.Create([SyntaxTree.Parse(System.Text.Encoding.UTF8.GetBytes(Version(version)), path)], new FileSystemSourceResolver());
            return watch.Elapsed.TotalMilliseconds;
        }

        for (var i = 1; i <= WarmUpChanges; i++)
        {
            await ChangeAsync(i).ConfigureAwait(false);
            Check(i);
        }

        // Alternated, so that both sides see the same machine load.
        var roundTrips = new List<double>();
        var check = new List<double>();
        for (var i = WarmUpChanges + 1; i <= WarmUpChanges + TimedChanges; i++)
        {
            roundTrips.Add(await ChangeAsync(i).ConfigureAwait(false));
            check.Add(Check(i));
        }

        await rpc.InvokeWithParameterObjectAsync<JsonElement>("shutdown", new { }).ConfigureAwait(false);
        await rpc.NotifyWithParameterObjectAsync("exit", new { }).ConfigureAwait(false);
        await server.ConfigureAwait(false);

        var lines = original.Count(c => c == '\n');
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{BenchmarkInputs.SpecFileName} ({lines} lines), {TimedChanges} changes after {WarmUpChanges} of warm-up, ms:")).ConfigureAwait(false);
        await output.WriteLineAsync("                                  median    p90    max").ConfigureAwait(false);
        await output.WriteLineAsync(Row("didChange -> publishDiagnostics", roundTrips)).ConfigureAwait(false);
        await output.WriteLineAsync(Row("HypCompilation.Create (baseline)", check)).ConfigureAwait(false);
        var ratio = Percentile(roundTrips, 0.5) / Percentile(check, 0.5);
        var pass = Percentile(roundTrips, 0.9) < TargetMilliseconds;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"median ratio {ratio:0.00}; p90 under {TargetMilliseconds} ms: {(pass ? "PASS" : "FAIL")}")).ConfigureAwait(false);
        return pass ? 0 : 1;
    }

    private static string Row(string name, List<double> times) =>
        string.Create(CultureInfo.InvariantCulture, $"{name,-32} {Percentile(times, 0.5),7:0.0} {Percentile(times, 0.9),6:0.0} {times.Max(),6:0.0}");

    private static double Percentile(List<double> times, double share) => times.Order().ElementAt((int)Math.Min(times.Count - 1, Math.Floor(share * times.Count)));
}
