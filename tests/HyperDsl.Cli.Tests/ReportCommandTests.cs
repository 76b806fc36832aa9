using System.Text.RegularExpressions;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Cli.Tests;

/// <summary><c>hyp report</c>: one HTML file that opens offline, with a plot in each view the study has data for.</summary>
public sealed partial class ReportCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-report-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_report_is_one_self_contained_file_with_a_plot_in_every_view()
    {
        var text = MadeUpStudy.Spec
            .Replace("sampler   random", "sampler   random\n    pruner    asha(min_epochs: 1, reduction: 2)", StringComparison.Ordinal)
            .Replace("epochs    1", "epochs    3", StringComparison.Ordinal);
        var spec = MadeUpStudy.Create(_folder, 20, text, AddLearningCurves);
        var output = Path.Combine(_folder, "out", "study.html");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);

        var result = CliRunner.Run(["report", spec, "-o", output]);

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Equal($"wrote {output}: study 'ranked', 26 trials\n", result.Output);
        var html = File.ReadAllText(output);
        Assert.Equal([0xEF, 0xBB, 0xBF], File.ReadAllBytes(output)[..3]);
        Assert.Contains("plotly.js v2.", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(ScriptWithSource(), html);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        foreach (var view in new[] { "history", "intermediate", "importance", "parallel", "slice", "rank", "contour", "edf", "timeline" })
        {
            Assert.True(Section(html, view).Contains("Plotly.newPlot(", StringComparison.Ordinal), $"view '{view}' has no plot");
        }

        Assert.DoesNotContain("id=\"view-pareto\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"view-hypervolume\"", html, StringComparison.Ordinal);
        Assert.Contains("#25 (pruned)", Section(html, "intermediate"), StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(Section(html, "intermediate"), "\"text\":\"asha rung\""));
        Assert.Contains("\"label\":\"lr (log)\"", Section(html, "parallel"), StringComparison.Ordinal);
        Assert.Contains("\"type\":\"log\"", Section(html, "slice"), StringComparison.Ordinal);
        Assert.Contains("noise ~ uniform(0, 1)", Section(html, "spec"), StringComparison.Ordinal);
        Assert.Contains("<th>model params</th>", Section(html, "trials"), StringComparison.Ordinal);
        Assert.Contains("<th>model FLOPs</th>", Section(html, "trials"), StringComparison.Ordinal);
        Assert.Contains("<td>25</td><td>pruned</td>", Section(html, "trials"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_rank_view_colours_each_parameter_s_trials_by_objective_rank_and_the_header_has_the_space_s_static_ranges()
    {
        var spec = MadeUpStudy.Create(_folder, 8);
        var output = Path.Combine(_folder, "rank.html");

        var result = CliRunner.Run(["report", spec, "-o", output]);

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        var html = File.ReadAllText(output);
        var rank = Section(html, "rank");
        Assert.Equal(3, Regex.Count(rank, "Plotly.newPlot\\("));
        foreach (var parameter in new[] { "lr", "width", "noise" })
        {
            Assert.Contains($"Rank: {parameter} by trial, coloured by the rank of val_accuracy", rank, StringComparison.Ordinal);
        }

        Assert.Contains("rank 1 of 9", rank, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"log\"", rank, StringComparison.Ordinal);

        // The header's model row says what `hyp check` proves of the space: conv(width) and linear(2) over 2 <= width <= 8.
        var check = CliRunner.Run(["check", spec, "--summary"]).Output;
        var flops = Regex.Match(check, "FLOPs +(.+) per sample").Groups[1].Value;
        Assert.Contains("parameters 166 - 658 trainable", check, StringComparison.Ordinal);
        Assert.Contains($"<td>model</td><td>166 - 658 trainable parameters, {flops} FLOPs per sample (forward); over all 7 architecture points</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_study_with_two_objectives_adds_the_pareto_front()
    {
        var text = MadeUpStudy.Spec.Replace("objective maximize val_accuracy", "objective maximize val_accuracy, minimize model.params", StringComparison.Ordinal);
        var spec = MadeUpStudy.Create(_folder, 12, text);

        var result = CliRunner.Run(["report", spec]);

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        var html = File.ReadAllText(Path.Combine(_folder, "ranked.report.html"));
        Assert.Contains("Plotly.newPlot(", Section(html, "pareto"), StringComparison.Ordinal);
        Assert.Contains("Pareto front", Section(html, "pareto"), StringComparison.Ordinal);
        Assert.Contains("Plotly.newPlot(", Section(html, "hypervolume"), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_from_the_spec_cannot_close_the_page_s_elements()
    {
        var text = "// </pre></section><script>alert(1)</script>\n" + MadeUpStudy.Spec;
        var spec = MadeUpStudy.Create(_folder, 3, text);

        Assert.Equal(0, CliRunner.Run(["report", spec]).ExitCode);

        var html = File.ReadAllText(Path.Combine(_folder, "ranked.report.html"));
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("&lt;/pre&gt;&lt;/section&gt;&lt;script&gt;alert(1)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_study_without_a_finished_trial_is_a_clear_error()
    {
        var spec = Path.Combine(_folder, "ranked.hyp");
        File.WriteAllText(spec, MadeUpStudy.Spec);
        using (var store = SqliteStudyStore.Open(Path.Combine(_folder, "ranked.study.db")))
        {
            store.CreateStudyVersion("ranked", new SpecRecord("0000", spec, MadeUpStudy.Spec, "0.0.0"), [StudyDirection.Maximize]);
        }

        var result = CliRunner.Run(["report", spec]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("hyp: error: study 'ranked' has no finished trial yet; run `hyp run ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "ranked.report.html")));
    }

    [Fact]
    public void An_output_in_a_missing_folder_is_a_clear_error()
    {
        var spec = MadeUpStudy.Create(_folder, 2);

        var result = CliRunner.Run(["report", spec, "-o", Path.Combine(_folder, "missing", "report.html")]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("hyp: error: cannot write '", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    /// <summary>Four trials that report three epochs each, then one pruned after its first.</summary>
    private static void AddLearningCurves(IStudyStore store, long study)
    {
        ParameterSpace lr = new FloatSpace("lr", 1e-4, 1e-1, Log: true, Step: null, Condition: null);
        for (var k = 0; k < 5; k++)
        {
            var trial = store.CreateRunningTrial(study);
            store.SetParameter(trial.Id, lr, 0.01 * (k + 1));
            var pruned = k == 4;
            for (var epoch = 1; epoch <= (pruned ? 1 : 3); epoch++)
            {
                store.ReportIntermediate(trial.Id, epoch, (0.2 * epoch) + (0.01 * k));
            }

            store.FinishTrial(trial.Id, pruned ? TrialState.Pruned : TrialState.Complete, pruned ? null : [0.6 + (0.01 * k)]);
        }
    }

    /// <summary>The HTML of one view's section.</summary>
    private static string Section(string html, string view)
    {
        var start = html.IndexOf($"<section id=\"view-{view}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section for view '{view}'");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<script[^>]*\\bsrc\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptWithSource();
}
