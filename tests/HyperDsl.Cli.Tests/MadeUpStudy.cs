using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Cli.Tests;

/// <summary>A stored study made mostly by hand, so the commands that read studies have trials to show without training many.</summary>
internal static class MadeUpStudy
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

    /// <summary>Runs the spec's one real trial, then stores <paramref name="count"/> made-up ones: the value follows lr strongly, width weakly and noise not at all (a second objective, where the spec has one, is 100 × width).</summary>
    public static string Create(string folder, int count, string? specText = null, Action<IStudyStore, long>? more = null)
    {
        var spec = Path.Combine(folder, "ranked.hyp");
        File.WriteAllText(spec, specText ?? Spec);
        var run = CliRunner.Run(["run", spec]);
        Assert.True(run.ExitCode == 0, run.Error + run.Output);

        using var store = SqliteStudyStore.Open(Path.Combine(folder, "ranked.study.db"));
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
            var value = (10 * u) + (0.3 * w);
            store.FinishTrial(trial.Id, TrialState.Complete, store.Directions(study).Count == 1 ? [value] : [value, 100.0 * w]);
        }

        more?.Invoke(store, study);

        return spec;
    }
}
