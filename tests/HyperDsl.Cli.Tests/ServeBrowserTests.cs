using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;
using PuppeteerSharp;

namespace HyperDsl.Cli.Tests;

/// <summary>
/// <c>hyp serve</c>'s live page in a real browser (Debian's chromium, headless, driven by
/// PuppeteerSharp): every view draws from the inlined plotly.js with no script error and no request
/// but to the server, and trials that finish while the page is open appear without a reload, whether
/// written straight to the store or run by a <c>hyp worker</c>. Screenshots are kept beside the test
/// binaries (<c>artefacts/serve.png</c>, <c>artefacts/serve-trial.png</c>).
/// </summary>
public sealed class ServeBrowserTests : IDisposable
{
    /// <summary>Where Debian installs chromium; <c>HYP_TEST_CHROMIUM</c> names another.</summary>
    private static readonly string Chromium = Environment.GetEnvironmentVariable("HYP_TEST_CHROMIUM") ?? "/usr/bin/chromium";

    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(60);

    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-serve-browser-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_live_page_draws_every_view_and_shows_a_trial_that_finishes_without_a_reload()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (apt-get install chromium; .ci/run does) or name a Chromium in HYP_TEST_CHROMIUM.");
        var text = MadeUpStudy.Spec.Replace("objective maximize val_accuracy", "objective maximize val_accuracy, minimize model.params", StringComparison.Ordinal);
        var spec = MadeUpStudy.Create(_folder, 12, text, (store, study) => AddTrial(store, study, TrialState.Complete));
        using var server = HypServer.Start(_folder, spec);
        await using var browser = await Launch();
        await using var page = await browser.NewPageAsync();
        var watch = Watch(page);

        await page.GoToAsync(server.Url.AbsoluteUri, WaitUntilNavigation.Load);
        await WaitFor(page, "document.querySelectorAll('#trial-table tbody tr').length === 14");

        await AssertEveryViewDrawn(page, "on first load");

        await page.EvaluateExpressionAsync("window.sameDocument = true");
        using (var store = SqliteStudyStore.Open(Path.Combine(_folder, "ranked.study.db")))
        {
            AddTrial(store, store.FindStudy("ranked")!.Value, TrialState.Failed);
        }

        await WaitFor(page, "document.querySelectorAll('#trial-table tbody tr').length === 15");
        Assert.True(await page.EvaluateExpressionAsync<bool>("window.sameDocument === true"), "the page reloaded");
        Assert.Contains("15 trials, 15 finished", await page.EvaluateExpressionAsync<string>("document.getElementById('status').textContent"), StringComparison.Ordinal);

        await page.TypeAsync("#trial-filter", "failed");
        Assert.Equal(["14"], await page.EvaluateExpressionAsync<string[]>("Array.from(document.querySelectorAll('#trial-table tbody tr')).map(r => r.dataset.trial)"));
        await page.EvaluateExpressionAsync("document.getElementById('trial-filter').value = ''; document.getElementById('trial-filter').dispatchEvent(new Event('input'))");
        const string first = "document.querySelector('#trial-table tbody tr').dataset.trial";
        await page.ClickAsync("#trial-table thead th:first-child");
        Assert.Equal("14", await page.EvaluateExpressionAsync<string>(first));
        const string state = "document.querySelector('#trial-table tbody tr').children[1].textContent";
        await page.ClickAsync("#trial-table thead th:nth-child(2)");
        Assert.Equal("complete", await page.EvaluateExpressionAsync<string>(state));
        await page.ClickAsync("#trial-table thead th:nth-child(2)");
        Assert.Equal("failed", await page.EvaluateExpressionAsync<string>(state));
        await page.ClickAsync("#trial-table thead th:first-child");
        Assert.Equal("0", await page.EvaluateExpressionAsync<string>(first));

        var artefacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artefacts")).FullName;
        await page.SetViewportAsync(new ViewPortOptions { Width = 1200, Height = 900 });
        await AssertEveryViewDrawn(page, "after the update and the viewport change");
        await page.ScreenshotAsync(Path.Combine(artefacts, "serve.png"), new ScreenshotOptions { FullPage = true });
        await AssertEveryViewDrawn(page, "after the full-page screenshot");
        Assert.True(new FileInfo(Path.Combine(artefacts, "serve.png")).Length > 10_000);

        await page.GoToAsync(new Uri(server.Url, "/trial/13").AbsoluteUri, WaitUntilNavigation.Load);
        Assert.True(await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#trial-curve .js-plotly-plot .main-svg').length") > 0, "the trial's learning curve drew nothing");
        await page.ScreenshotAsync(Path.Combine(artefacts, "serve-trial.png"), new ScreenshotOptions { FullPage = true });
        await page.GoToAsync(new Uri(server.Url, "/trial/14").AbsoluteUri, WaitUntilNavigation.Load);
        Assert.Equal("out of memory <b>here</b>", await page.EvaluateExpressionAsync<string>("document.querySelector('#trial-failure pre').textContent"));

        watch.AssertClean(server.Url);
        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public async Task Trials_that_a_worker_runs_appear_on_the_open_page()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (apt-get install chromium; .ci/run does) or name a Chromium in HYP_TEST_CHROMIUM.");
        var text = MadeUpStudy.Spec.Replace("epochs    1", "epochs    2", StringComparison.Ordinal);
        var spec = MadeUpStudy.Create(_folder, 0, text);
        var database = Path.Combine(_folder, "ranked.study.db");
        using var server = HypServer.Start(_folder, spec);
        await using var browser = await Launch();
        await using var page = await browser.NewPageAsync();
        var watch = Watch(page);
        await page.GoToAsync(server.Url.AbsoluteUri, WaitUntilNavigation.Load);
        await WaitFor(page, "document.querySelectorAll('#trial-table tbody tr').length === 1");
        await page.EvaluateExpressionAsync("window.sameDocument = true");

        using var worker = BackgroundHyp.Start(_folder, null, "worker", spec, "--storage", database, "--trials", "4");
        worker.AssertSucceeds(TimeSpan.FromMinutes(3));

        await WaitFor(page, "document.querySelectorAll('#trial-table tbody tr').length === 4 && document.getElementById('status').textContent.indexOf('4 finished') >= 0");
        Assert.True(await page.EvaluateExpressionAsync<bool>("window.sameDocument === true"), "the page reloaded");
        Assert.True(await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#view-intermediate .js-plotly-plot .main-svg').length") > 0, "no learning curves");
        watch.AssertClean(server.Url);
        Assert.Equal(0, server.Stop());
    }

    /// <summary>Asserts each view drew its plot, and that the plot takes its room in the page rather than lying over the next section.</summary>
    private static async Task AssertEveryViewDrawn(IPage page, string when)
    {
        foreach (var view in new[] { "history", "intermediate", "importance", "parallel", "slice", "contour", "edf", "pareto", "hypervolume", "timeline" })
        {
            var drawn = await page.EvaluateExpressionAsync<int>($"document.querySelectorAll('#view-{view} .js-plotly-plot .main-svg').length");
            Assert.True(drawn > 0, $"view '{view}' drew nothing {when}");
            var height = await page.EvaluateExpressionAsync<double>($"document.getElementById('view-{view}').getBoundingClientRect().height");
            Assert.True(height > 300, $"view '{view}' is {height} px high {when}");
        }
    }

    private static Task<IBrowser> Launch() => Puppeteer.LaunchAsync(new LaunchOptions
    {
        ExecutablePath = Chromium,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    });

    private static async Task WaitFor(IPage page, string condition)
    {
        try
        {
            await page.WaitForExpressionAsync(condition, new WaitForFunctionOptions { Timeout = (int)Soon.TotalMilliseconds, PollingInterval = 100 });
        }
        catch (WaitTaskTimeoutException)
        {
            var status = await page.EvaluateExpressionAsync<string>("document.getElementById('status').textContent");
            Assert.Fail($"the page did not show `{condition}` within {Soon.TotalSeconds} s; its status: {status}");
        }
    }

    /// <summary>A trial with a learning curve that ends as <paramref name="state"/> (a failed one with a reason that looks like HTML).</summary>
    private static void AddTrial(IStudyStore store, long study, TrialState state)
    {
        var trial = store.CreateRunningTrial(study);
        store.SetParameter(trial.Id, new IntSpace("width", 2, 8, Log: false, Step: 1, Condition: null), 4L);
        foreach (var epoch in new[] { 1, 2, 3 })
        {
            store.ReportIntermediate(trial.Id, epoch, 0.4 + (0.1 * epoch));
        }

        if (state == TrialState.Complete)
        {
            store.FinishTrial(trial.Id, TrialState.Complete, store.Directions(study).Count == 1 ? [0.7] : [0.7, 400]);
        }
        else
        {
            store.FinishTrial(trial.Id, state, failReason: "out of memory <b>here</b>");
        }
    }

    private static PageWatch Watch(IPage page)
    {
        var watch = new PageWatch();
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error)
            {
                watch.Errors.Add(e.Message.Text);
            }
        };
        page.PageError += (_, e) => watch.Errors.Add(e.Message);
        page.Request += (_, e) => watch.Requests.Add(e.Request.Url);
        return watch;
    }

    /// <summary>What a page logged as errors and which URLs it asked for.</summary>
    private sealed class PageWatch
    {
        public List<string> Errors { get; } = [];

        public List<string> Requests { get; } = [];

        public void AssertClean(Uri server)
        {
            Assert.Empty(Errors);
            Assert.All(Requests.ToList(), url => Assert.True(url.StartsWith(server.AbsoluteUri, StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), $"the page fetched {url}"));
        }
    }
}
