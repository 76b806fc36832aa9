using System.Text.RegularExpressions;
namespace HyperDsl.Build.Tests;

/// <summary>
/// The consumer example built from a clean copy against the packed packages, as a user builds
/// it: the spec compiles into typed C#, spec errors fail the build at the spec's line and column,
/// and an unchanged spec is not generated again.
/// </summary>
[Collection(PackedFeed.Collection)]
public sealed class ConsumerBuildTests(PackedFeed feed)
{
    [Fact]
    public void A_valid_spec_builds_into_typed_csharp_that_runs_a_study()
    {
        using var consumer = new ConsumerProject(feed);

        var build = consumer.Build();
        var run = consumer.Run();

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.True(File.Exists(Path.Combine(consumer.GeneratedFolder, "tiny-study", "TinyStudy.g.cs")));
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.True(
            Regex.IsMatch(run.Output, @"^4 trials; best val_accuracy [0-9.]+: lr [0-9.e-]+, width (4|8), (adam|sgd with momentum [0-9.]+)\n$"),
            "The consumer printed:\n" + run.Output);
    }

    [Fact]
    public void A_spec_error_fails_the_build_at_the_specs_line_and_column()
    {
        using var consumer = new ConsumerProject(feed);
        File.WriteAllText(consumer.Spec, File.ReadAllText(consumer.Spec).Replace("linear(2)", "linear(2, nonsense: 1)", StringComparison.Ordinal));

        var build = consumer.Build();

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains($"{consumer.Spec}(19,15): error HYP1007: 'linear' has no argument 'nonsense'", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("error CS", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_warnings_follow_the_projects_warnings_as_errors_setting()
    {
        using var consumer = new ConsumerProject(feed);
        File.WriteAllText(consumer.Spec, File.ReadAllText(consumer.Spec).Replace("    width     ~ choice(4, 8)\n", "    width     ~ choice(4, 8)\n    unused    ~ uniform(0, 1)\n", StringComparison.Ordinal));

        var strict = consumer.Build();
        var lenient = consumer.Build("-p:TreatWarningsAsErrors=false");

        Assert.NotEqual(0, strict.ExitCode);
        Assert.Contains($"{consumer.Spec}(11,5): error HYP2014:", strict.Output, StringComparison.Ordinal);
        Assert.True(lenient.ExitCode == 0, lenient.Output);
        Assert.Contains($"{consumer.Spec}(11,5): warning HYP2014:", lenient.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Touching_one_spec_regenerates_that_spec_only_and_both_join_the_compilation()
    {
        using var consumer = new ConsumerProject(feed);
        var second = Path.Combine(consumer.Folder, "second-study.hyp");
        File.WriteAllText(second, File.ReadAllText(consumer.Spec).Replace("experiment tiny_study", "experiment second_study", StringComparison.Ordinal));
        var secondStamp = Path.Combine(consumer.GeneratedFolder, "second-study.stamp");
        Assert.Equal(0, consumer.Build().ExitCode);
        var (first, other) = (File.GetLastWriteTimeUtc(consumer.Stamp), File.GetLastWriteTimeUtc(secondStamp));

        File.SetLastWriteTimeUtc(second, DateTime.UtcNow.AddSeconds(5));
        var build = consumer.Build();

        Assert.Equal(0, build.ExitCode);
        Assert.Equal(first, File.GetLastWriteTimeUtc(consumer.Stamp));
        Assert.True(File.GetLastWriteTimeUtc(secondStamp) > other);
        Assert.True(File.Exists(Path.Combine(consumer.GeneratedFolder, "second-study", "SecondStudy.g.cs")));
    }

    [Fact]
    public void An_unchanged_spec_is_not_generated_again_a_touched_one_is_and_clean_removes_the_generated_code()
    {
        using var consumer = new ConsumerProject(feed);
        Assert.Equal(0, consumer.Build().ExitCode);
        var generated = File.GetLastWriteTimeUtc(consumer.Stamp);

        var again = consumer.Build("-v:d");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Skipping target \"HypGenerateSpecs\" because all output files are up-to-date", again.Output, StringComparison.Ordinal);
        Assert.Equal(generated, File.GetLastWriteTimeUtc(consumer.Stamp));

        File.SetLastWriteTimeUtc(consumer.Spec, DateTime.UtcNow.AddSeconds(5));
        var touched = consumer.Build();
        Assert.Equal(0, touched.ExitCode);
        Assert.True(File.GetLastWriteTimeUtc(consumer.Stamp) > generated);

        var clean = Dotnet.Run(consumer.Folder, "clean", "-nologo", $"-p:HyperDslVersion={feed.Version}");
        Assert.Equal(0, clean.ExitCode);
        Assert.False(Directory.Exists(consumer.GeneratedFolder));
    }
}
