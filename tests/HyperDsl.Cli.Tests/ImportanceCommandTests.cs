using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Cli.Tests;

/// <summary><c>hyp importance</c>: the ranking of a stored study's parameters, and a clear message where there is nothing to rank.</summary>
public sealed class ImportanceCommandTests : IDisposable
{
    /// <summary>Three parameters; one trial of a tiny model on synthetic data makes the study.</summary>
    public const string Spec = """
        experiment ranked {
          data {
            source     synthetic(count: 32, shape: [1, 8, 8], classes: 2)
            validation 25%
          }
          params {
            lr    ~ loguniform(1e-4, 1e-1)
            width ~ int(2, 8)
            noise ~ uniform(0, 1)
          }
          model {
            conv(width, kernel: 3)
            relu
            flatten
            linear(2)
          }
          train {
            epochs    1
            batch     32
            optimizer sgd(lr: lr)
          }
          tune {
            objective maximize val_accuracy
            sampler   random
            trials    1
            seed      3
          }
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-importance-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Importance_ranks_a_strong_parameter_first_and_one_without_effect_last()
    {
        var spec = StudyWithTrials(40);

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
        var spec = StudyWithTrials(0);

        var result = CliRunner.Run(["importance", spec]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("hyp: error: study 'ranked' has 1 complete trial with a value for val_accuracy; parameter importance needs at least 2. Run more trials first.\n", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Importance_without_a_study_says_to_run_it_first()
    {
        var spec = Path.Combine(_folder, "ranked.hyp");
        File.WriteAllText(spec, Spec);

        var result = CliRunner.Run(["importance", spec]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("there is no study database at", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    /// <summary>Runs the spec's one real trial, then stores <paramref name="count"/> made-up ones: the value follows lr strongly, width weakly and noise not at all.</summary>
    private string StudyWithTrials(int count)
    {
        var spec = Path.Combine(_folder, "ranked.hyp");
        File.WriteAllText(spec, Spec);
        var run = CliRunner.Run(["run", spec]);
        Assert.True(run.ExitCode == 0, run.Error + run.Output);

        using var store = SqliteStudyStore.Open(Path.Combine(_folder, "ranked.study.db"));
        var study = store.FindStudy("ranked")!.Value;
        ParameterSpace lr = new FloatSpace("lr", 1e-4, 1e-1, Log: true, Step: null, Condition: null);
        ParameterSpace width = new IntSpace("width", 2, 8, Log: false, Step: 1, Condition: null);
        ParameterSpace noise = new FloatSpace("noise", 0, 1, Log: false, Step: null, Condition: null);
        var random = new Random(11);
        for (var n = 0; n < count; n++)
        {
            var u = random.NextDouble();
            var w = random.Next(2, 9);
            var trial = store.CreateRunningTrial(study);
            store.SetParameter(trial.Id, lr, Math.Exp(Math.Log(1e-4) + (u * Math.Log(1e3))));
            store.SetParameter(trial.Id, width, (long)w);
            store.SetParameter(trial.Id, noise, random.NextDouble());
            store.FinishTrial(trial.Id, TrialState.Complete, [(10 * u) + (0.3 * w)]);
        }

        return spec;
    }
}
