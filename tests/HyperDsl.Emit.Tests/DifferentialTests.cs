using System.Globalization;
using HyperDsl.Differential;
using HyperDsl.TestKit;
using Xunit.Abstractions;

namespace HyperDsl.Emit.Tests;

/// <summary>
/// Issue 13's promise on random specs: every generated spec that checks clean generates,
/// compiles, builds and runs a forward and backward pass at several points on a batch from its
/// data pipeline, with the checker's parameter count, FLOPs and shapes; and every spec written
/// with a known mistake is refused by the checker. HYP_DIFFERENTIAL_SEED and HYP_DIFFERENTIAL_COUNT override
/// the seed and count; a failure prints the seed and the spec text. The bench runs thousands
/// (bench/README.md, "The differential test").
/// </summary>
public class DifferentialTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 13;
    private const int DefaultCount = 500;

    [Fact]
    public void Generated_specs_that_check_clean_train_the_model_the_checker_described()
    {
        var seed = Setting("HYP_DIFFERENTIAL_SEED", DefaultSeed);
        var count = Setting("HYP_DIFFERENTIAL_COUNT", DefaultCount);

        var report = new DifferentialRun(KnownDisagreements.Allowed).Run(seed, count);

        output.WriteLine($"seed {seed}: {report}");
        Assert.True(report.Disagreements.Count == 0, $"seed {seed}: {report}");
        Assert.True(report.CleanRate >= 0.8, $"seed {seed}: too few generated specs check clean, so the run proves little. {report}");
        Assert.True(count < 200 || report.RejectedAsExpected > 0, $"seed {seed}: no spec written with a known mistake was generated, so refusals went untested. {report}");
        Assert.True(count < 200 || report.Segmentation > 0, $"seed {seed}: no segmentation spec checked clean, so 'task segmentation' went untested. {report}");
    }

    private static string CasesFolder => Path.Combine(RepositoryPaths.Root, "tests", "HyperDsl.Emit.Tests", "DifferentialCases");

    public static TheoryData<string> Cases() => [.. Directory.GetFiles(CasesFolder, "*.hyp").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    /// <summary>Each disagreement the differential run found, kept as a spec (its experiment named after the file) that must now agree and train.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void A_disagreement_found_before_now_agrees(string file)
    {
        var text = File.ReadAllText(Path.Combine(CasesFolder, file));
        var spec = new GeneratedSpec(0, Path.GetFileNameWithoutExtension(file), text, new HashSet<Construct> { Construct.TrainingSettings });

        var report = new DifferentialRun(KnownDisagreements.Allowed).Run([spec]);

        Assert.True(report.Clean == 1 && report.Points > 0 && report.Trained == 1 && report.Diverged == 0 && report.Disagreements.Count == 0, report.ToString());
    }

    [Fact]
    public void The_same_seed_writes_the_same_spec()
    {
        var generator = new SpecGenerator(KnownDisagreements.All);

        Assert.Equal(generator.Generate(42).Text, generator.Generate(42).Text);
        Assert.NotEqual(generator.Generate(42).Text, generator.Generate(43).Text);
    }

    [Fact]
    public void Excluded_constructs_are_never_written_and_the_others_are()
    {
        var generator = new SpecGenerator(KnownDisagreements.Allowed);
        var everything = new SpecGenerator(KnownDisagreements.All);

        var used = Enumerable.Range(0, 2000).SelectMany(seed => generator.Generate(seed).Constructs).ToHashSet();
        var usedByAll = Enumerable.Range(0, 2000).SelectMany(seed => everything.Generate(seed).Constructs).ToHashSet();

        Assert.DoesNotContain(used, KnownDisagreements.Excluded.ContainsKey);
        Assert.Equal(KnownDisagreements.All.Order(), usedByAll.Order());
    }

    // The emitters fold study settings and print train settings from the lowered model: the run must
    // see each form (written, fixed in params, searched) or it proves nothing about them.
    [Theory]
    [InlineData(@"epochs ep\d+;")]
    [InlineData(@"ep\d+ ~ int\(")]
    [InlineData(@"ep\d+ = \d")]
    [InlineData(@"batch bs\d+;")]
    [InlineData(@"trials t\d+")]
    [InlineData(@"timeout limit\d+")]
    [InlineData(@"timeout (1h|90m)")]
    [InlineData(@"seed s\d+")]
    [InlineData(@"sampler auto")]
    public void Generated_specs_write_each_form_of_the_training_and_study_settings(string form)
    {
        var generator = new SpecGenerator(KnownDisagreements.Allowed);

        Assert.Contains(Enumerable.Range(0, 500).Select(seed => generator.Generate(seed).Text), text => System.Text.RegularExpressions.Regex.IsMatch(text, form));
    }

    // Issue 17: the segmentation specs, each form of their data, model, loss and metrics.
    [Theory]
    [InlineData(@"source segmentation_folder\(images: ""shapes/images"", masks: ""shapes/masks"", classes: \d+")]
    [InlineData(@"ignore_index: 255")]
    [InlineData(@"channels: 1\)")]
    [InlineData(@"validation 25%")]
    [InlineData(@"augment \{[^}]*(hflip|rotate|translate)")]
    [InlineData(@"augment \{[^}]*(random_crop|random_resized_crop|center_crop)")]
    [InlineData(@"augment \{[^}]*(autoaugment|randaugment|trivialaugment)")]
    [InlineData(@"evaluate \{")]
    [InlineData(@"cutmix\(alpha: [\d.]+, p: (0\.5|cp\d+)\) }")]
    [InlineData(@"save enc\d+")]
    [InlineData(@"concat enc\d+")]
    [InlineData(@"add enc\d+")]
    [InlineData(@"upsample\(scale: 2")]
    [InlineData(@"conv_transpose\(\d+, kernel: 2, stride: 2\)")]
    [InlineData(@"tr => \{ conv_transpose")]
    [InlineData(@"loss dice")]
    [InlineData(@"loss focal")]
    [InlineData(@"loss cross_entropy\(weights")]
    [InlineData(@"loss sum\([^)]*lw\d+")]
    [InlineData(@"objective maximize val_miou")]
    [InlineData(@"objective maximize val_pixel_accuracy")]
    [InlineData(@"early_stop val_\w+, patience: 1")]
    public void Generated_segmentation_specs_write_each_form(string form)
    {
        var generator = new SpecGenerator(KnownDisagreements.Allowed);

        var segmentation = Enumerable.Range(0, 1000).Select(seed => generator.Generate(seed)).Where(spec => spec.Constructs.Contains(Construct.Segmentation)).ToList();

        Assert.All(segmentation, spec => Assert.Contains("task segmentation", spec.Text, StringComparison.Ordinal));
        Assert.Contains(segmentation, spec => spec.MustReject is null && System.Text.RegularExpressions.Regex.IsMatch(spec.Text, form));
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
