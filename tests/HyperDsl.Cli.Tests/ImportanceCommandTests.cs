namespace HyperDsl.Cli.Tests;

/// <summary><c>hyp importance</c>: the ranking of a stored study's parameters, and a clear message where there is nothing to rank.</summary>
public sealed class ImportanceCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-importance-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Importance_ranks_a_strong_parameter_first_and_one_without_effect_last()
    {
        var spec = MadeUpStudy.Create(_folder, 40);

        var result = CliRunner.Run(["importance", spec]);

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("parameter importance in 'ranked' for maximize val_accuracy (fANOVA, 41 complete trials):", result.Output, StringComparison.Ordinal);
        var names = result.Output.Split('\n').Select(l => l.Trim().Split(' ')[0]).Where(w => w is "lr" or "width" or "noise").ToList();
        Assert.Equal(["lr", "width", "noise"], names);
        Assert.Contains("%", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Importance_of_a_study_with_one_trial_says_it_needs_two()
    {
        var spec = MadeUpStudy.Create(_folder, 0);

        var result = CliRunner.Run(["importance", spec]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("hyp: error: study 'ranked' has 1 complete trial with a value for val_accuracy; parameter importance needs at least 2. Run more trials first.\n", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Importance_without_a_study_says_to_run_it_first()
    {
        var spec = Path.Combine(_folder, "ranked.hyp");
        File.WriteAllText(spec, MadeUpStudy.Spec);

        var result = CliRunner.Run(["importance", spec]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("there is no study database at", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
