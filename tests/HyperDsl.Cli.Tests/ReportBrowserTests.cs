using PuppeteerSharp;

namespace HyperDsl.Cli.Tests;

/// <summary>
/// The report in a real browser (Debian's chromium, headless, driven by PuppeteerSharp): every view
/// draws its plots from the inlined plotly.js with no network and no script error. The screenshot is
/// kept beside the test binaries (<c>artefacts/report.png</c>) for a person to look at.
/// </summary>
public sealed class ReportBrowserTests : IDisposable
{
    /// <summary>Where Debian installs chromium; <c>HYP_TEST_CHROMIUM</c> names another.</summary>
    private static readonly string Chromium = Environment.GetEnvironmentVariable("HYP_TEST_CHROMIUM") ?? "/usr/bin/chromium";

    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-report-browser-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_report_draws_every_view_in_chromium_without_script_errors()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (apt-get install chromium; .ci/run does) or name a Chromium in HYP_TEST_CHROMIUM.");
        var text = MadeUpStudy.Spec.Replace("objective maximize val_accuracy", "objective maximize val_accuracy, minimize model.params", StringComparison.Ordinal);
        var spec = MadeUpStudy.Create(_folder, 12, text);
        Assert.Equal(0, CliRunner.Run(["report", spec]).ExitCode);

        await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        await using var page = await browser.NewPageAsync();
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error)
            {
                errors.Add(e.Message.Text);
            }
        };
        page.PageError += (_, e) => errors.Add(e.Message);
        page.Request += (_, e) => requests.Add(e.Request.Url);

        await page.GoToAsync(new Uri(Path.Combine(_folder, "ranked.report.html")).AbsoluteUri, WaitUntilNavigation.Load);

        foreach (var view in new[] { "history", "importance", "parallel", "slice", "rank", "contour", "edf", "pareto", "hypervolume", "timeline" })
        {
            // Plotly draws a plot's SVG (a parcoords' too) into a .main-svg element.
            var drawn = await page.EvaluateExpressionAsync<int>($"document.querySelectorAll('#view-{view} .js-plotly-plot .main-svg').length");
            Assert.True(drawn > 0, $"view '{view}' drew nothing");
        }

        Assert.Empty(errors);
        Assert.All(requests, url => Assert.True(url.StartsWith("file://", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), $"the page fetched {url}"));
        var artefacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artefacts")).FullName;
        await page.SetViewportAsync(new ViewPortOptions { Width = 1200, Height = 900 });
        await page.ScreenshotAsync(Path.Combine(artefacts, "report.png"), new ScreenshotOptions { FullPage = true });
        Assert.True(new FileInfo(Path.Combine(artefacts, "report.png")).Length > 10_000);
    }
}
