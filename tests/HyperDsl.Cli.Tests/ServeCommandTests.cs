using System.Net;
using System.Text.Json;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Cli.Tests;

/// <summary><c>hyp serve</c> over HTTP: its endpoints, what it refuses, and how it escapes what the study holds.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private const string Hostile = "<script>alert(1)</script>";

    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-serve-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Every_endpoint_answers_on_loopback_and_SIGTERM_stops_it_cleanly()
    {
        var spec = MadeUpStudy.Create(_folder, 6, more: AddCurve);
        using var server = HypServer.Start(_folder, spec);

        Assert.Equal("127.0.0.1", server.Url.Host);
        Assert.Matches(@"^serving study 'ranked' read-only at http://127\.0\.0\.1:\d+/ \(Ctrl\+C stops\)", server.Output);

        var page = await server.Client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("plotly.js v2.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", html, StringComparison.Ordinal);
        Assert.Contains("/api/version", html, StringComparison.Ordinal);
        Assert.Contains("noise ~ uniform(0, 1)", html, StringComparison.Ordinal);
        Assert.Contains("trainable parameters", html, StringComparison.Ordinal);

        using var version = JsonDocument.Parse(await server.Client.GetStringAsync(new Uri("/api/version", UriKind.Relative)));
        Assert.Equal(8, version.RootElement.GetProperty("trials").GetInt32());
        Assert.Equal(8, version.RootElement.GetProperty("finished").GetInt32());
        Assert.Equal(16, version.RootElement.GetProperty("version").GetString()!.Length);

        using var views = JsonDocument.Parse(await server.Client.GetStringAsync(new Uri("/api/views", UriKind.Relative)));
        var keys = views.RootElement.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("key").GetString()).ToList();
        Assert.Equal(["history", "intermediate", "importance", "parallel", "slice", "rank", "contour", "edf", "timeline"], keys);
        var rows = views.RootElement.GetProperty("trials").GetProperty("rows");
        Assert.Equal(Enumerable.Range(0, 8), rows.EnumerateArray().Select(r => r.GetProperty("number").GetInt32()));
        Assert.Equal("model params", views.RootElement.GetProperty("trials").GetProperty("headings")[2].GetString());

        var trial = await server.Client.GetStringAsync(new Uri("/trial/7", UriKind.Relative));
        Assert.Contains("<h1>Trial #7 of study 'ranked'</h1>", trial, StringComparison.Ordinal);
        Assert.Contains("Plotly.newPlot(", trial, StringComparison.Ordinal);
        Assert.Contains("<td>model.params</td><td>123</td>", trial, StringComparison.Ordinal);
        Assert.Contains("<td>width</td><td>3</td>", trial, StringComparison.Ordinal);

        var missing = await server.Client.GetAsync(new Uri("/trial/99", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("study 'ranked' has no trial #99.", await missing.Content.ReadAsStringAsync());

        Assert.Equal(0, server.Stop());
        Assert.EndsWith("stopped\n", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("error", server.Errors, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("exception", server.Errors, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Text_from_the_store_reaches_every_page_escaped()
    {
        var spec = MadeUpStudy.Create(_folder, 4, more: (store, study) =>
        {
            var trial = store.CreateRunningTrial(study);
            store.SetParameter(trial.Id, new FloatSpace(Hostile, 0, 1, Log: false, Step: null, Condition: null), 0.5);
            store.SetTrialUserAttribute(trial.Id, "note</td>", JsonSerializer.Serialize(Hostile));
            store.FinishTrial(trial.Id, TrialState.Failed, failReason: "</pre>" + Hostile);
        });
        using var server = HypServer.Start(_folder, spec);

        var trial = await server.Client.GetStringAsync(new Uri("/trial/5", UriKind.Relative));
        var page = await server.Client.GetStringAsync(new Uri("/", UriKind.Relative));
        var views = await server.Client.GetStringAsync(new Uri("/api/views", UriKind.Relative));

        Assert.Contains("<section id=\"trial-failure\"><h2>Why it failed</h2><pre>&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;</pre>", trial, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td>0.5</td>", trial, StringComparison.Ordinal);
        Assert.Contains("<td>note&lt;/td&gt;</td><td>&lt;script&gt;alert(1)&lt;/script&gt;</td>", trial, StringComparison.Ordinal);
        Assert.Contains(@"\u003Cscript\u003Ealert(1)\u003C/script\u003E", views, StringComparison.Ordinal);
        foreach (var text in new[] { trial, page, views })
        {
            Assert.DoesNotContain(Hostile, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Only_GET_is_answered_and_only_for_localhost()
    {
        var spec = MadeUpStudy.Create(_folder, 2);
        using var server = HypServer.Start(_folder, spec);

        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
        {
            foreach (var path in new[] { "/", "/api/version", "/api/views", "/trial/0" })
            {
                using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = new StringContent("{}") };
                using var response = await server.Client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"{method} {path}: {response.StatusCode}");
            }
        }

        // A page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) sends that name as the Host.
        using var rebound = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/views", UriKind.Relative));
        rebound.Headers.Host = "attacker.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.SendAsync(rebound)).StatusCode);

        using var local = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/version", UriKind.Relative));
        local.Headers.Host = $"localhost:{server.Url.Port}";
        Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(local)).StatusCode);
        using var store = SqliteStudyStore.Open(Path.Combine(_folder, "ranked.study.db"));
        Assert.Equal(3, store.Trials(store.FindStudy("ranked")!.Value).Count);
    }

    [Fact]
    public void A_missing_store_is_a_clear_error()
    {
        var spec = Path.Combine(_folder, "ranked.hyp");
        File.WriteAllText(spec, MadeUpStudy.Spec);

        var result = CliRunner.Run(["serve", spec, "--port", "0"]);

        Assert.Equal(2, result.ExitCode);
        Assert.EndsWith($"hyp: error: there is no study database at '{Path.Combine(_folder, "ranked.study.db")}' yet; run `hyp run {spec}` first (or pass --storage).\n", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "ranked.study.db")));
    }

    [Fact]
    public void A_missing_study_is_a_clear_error()
    {
        var spec = MadeUpStudy.Create(_folder, 0);

        var result = CliRunner.Run(["serve", spec, "--study", "other", "--port", "0"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("has no study 'other' yet", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void A_port_in_use_is_a_clear_error()
    {
        var spec = MadeUpStudy.Create(_folder, 0);
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = CliRunner.Run(["serve", spec, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"hyp: error: cannot listen on 127.0.0.1:{port}: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Theory]
    [InlineData("--address", "example.com", "--address 'example.com' is not an IP address")]
    [InlineData("--port", "70000", "--port must be between 0 and 65535.")]
    public void A_bad_address_or_port_is_a_usage_error(string option, string value, string message)
    {
        var result = CliRunner.Run(["serve", Path.Combine(_folder, "ranked.hyp"), option, value]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    /// <summary>A seventh trial with a learning curve and the model's size, as a real one has.</summary>
    private static void AddCurve(IStudyStore store, long study)
    {
        var trial = store.CreateRunningTrial(study);
        store.SetParameter(trial.Id, new IntSpace("width", 2, 8, Log: false, Step: 1, Condition: null), 3L);
        store.SetTrialUserAttribute(trial.Id, "model.params", "123");
        foreach (var epoch in new[] { 1, 2, 3 })
        {
            store.ReportIntermediate(trial.Id, epoch, 0.5 + (0.1 * epoch));
        }

        store.FinishTrial(trial.Id, TrialState.Complete, [0.8]);
    }
}
