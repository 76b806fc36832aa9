using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.TestKit;

namespace HyperDsl.Cli.Tests;

/// <summary><c>hyp run --tensorboard DIR</c>: the event files are read back with <see cref="TensorBoardEventReader"/> and checked against the store.</summary>
public sealed class RunCommandTensorBoardTests : IDisposable
{
    private const string Spec = """
        experiment tiny {
          data {
            source     synthetic(count: 64, shape: [1, 12, 12], classes: 2)
            validation 25%
          }
          params {
            lr    ~ loguniform(1e-3, 1e-1)
            width ~ choice(4, 8)
          }
          model {
            conv(width, kernel: 3)
            relu
            flatten
            linear(2)
          }
          train {
            epochs    2
            batch     64
            optimizer sgd(lr: lr)
          }
          tune {
            objective maximize val_accuracy
            sampler   random
            trials    2
            seed      3
          }
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-tensorboard-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Each_trial_is_a_tensorboard_run_with_its_epoch_scalars_and_hparams_session()
    {
        var spec = Path.Combine(_folder, "tiny.hyp");
        File.WriteAllText(spec, Spec);
        var logs = Path.Combine(_folder, "tb");

        var run = CliRunner.Run(["run", spec, "--tensorboard", logs]);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.DoesNotContain("warning", run.Error, StringComparison.Ordinal);
        using var store = SqliteStudyStore.Open(Path.Combine(_folder, "tiny.study.db"));
        var trials = store.Trials(store.FindStudy("tiny")!.Value);
        Assert.Equal(2, trials.Count);
        foreach (var trial in trials)
        {
            Assert.Equal(TrialState.Complete, trial.State);
            var file = Assert.Single(Directory.GetFiles(Path.Combine(logs, "tiny", $"trial-{trial.Number}")));
            Assert.Contains("tfevents", Path.GetFileName(file), StringComparison.Ordinal);
            var events = TensorBoardEventReader.Records(file);

            Assert.Equal("brain.Event:2", events[0].String(EventField.FileVersion));
            Assert.All(events, e => Assert.True(e.Double(EventField.WallTime) > 1.7e9));

            // Each epoch's scalars, at the epoch as step: the objective's equals the stored intermediate value.
            var scalars = Scalars(events);
            Assert.Equal([1, 2], scalars.Where(s => s.Tag == "val_accuracy").Select(s => s.Step));
            foreach (var (epoch, stored) in trial.Intermediate)
            {
                Assert.Equal((float)stored, scalars.Single(s => s.Tag == "val_accuracy" && s.Step == epoch).Value);
            }

            foreach (var tag in new[] { "train_loss", "val_loss", "learning_rate", "train_seconds", "images_per_second" })
            {
                Assert.Equal([1, 2], scalars.Where(s => s.Tag == tag).Select(s => s.Step));
            }

            Assert.Equal((float)trial.Values![0], scalars.Single(s => s.Tag == "objective/val_accuracy").Value);

            // The HParams session: its start holds the trial's parameters, its end its status.
            var start = HParams(events, "_hparams_/session_start_info").Message(PluginDataField.SessionStartInfo);
            var hparams = start.Messages(1).ToDictionary(entry => entry.String(1), entry => entry.Message(2).Double(GoogleValueField.Number));
            Assert.Equal(trial.Parameters.Keys.Order(), hparams.Keys.Order());
            Assert.Equal(Convert.ToDouble(trial.Parameters["lr"], System.Globalization.CultureInfo.InvariantCulture), hparams["lr"]);
            Assert.Equal(Convert.ToDouble(trial.Parameters["width"], System.Globalization.CultureInfo.InvariantCulture), hparams["width"]);
            var end = HParams(events, "_hparams_/session_end_info").Message(PluginDataField.SessionEndInfo);
            Assert.Equal(1, end.Varint(1)); // STATUS_SUCCESS

            // The experiment summary: every parameter with its domain, and the metrics.
            var experiment = HParams(events, "_hparams_/experiment").Message(PluginDataField.Experiment);
            var infos = experiment.Messages(4).ToDictionary(info => info.String(1));
            Assert.Equal(["lr", "width"], infos.Keys.Order());
            Assert.Equal(3, infos["lr"].Varint(4)); // DATA_TYPE_FLOAT64
            Assert.Equal(1e-3, infos["lr"].Message(6).Double(1));
            Assert.Equal(1e-1, infos["lr"].Message(6).Double(2));
            Assert.Equal([4.0, 8.0], infos["width"].Message(5).Messages(1).Select(v => v.Double(GoogleValueField.Number)));
            var metrics = experiment.Messages(5).Select(info => info.Message(1).String(2)).ToList();
            Assert.Contains("val_accuracy", metrics);
            Assert.Contains("train_loss", metrics);
            Assert.Contains("objective/val_accuracy", metrics);
        }
    }

    [Fact]
    public void A_tensorboard_folder_that_cannot_be_made_is_an_error_before_anything_runs()
    {
        var spec = Path.Combine(_folder, "tiny.hyp");
        File.WriteAllText(spec, Spec);
        var blocker = Path.Combine(_folder, "a-file");
        File.WriteAllText(blocker, "");

        var run = CliRunner.Run(["run", spec, "--tensorboard", Path.Combine(blocker, "tb")]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("hyp: error: --tensorboard: cannot write TensorBoard files to ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "tiny.study.db")));
    }

    private static List<(string Tag, long Step, float Value)> Scalars(IEnumerable<ProtoMessage> events) =>
        [.. from e in events
            where e.Has(EventField.Summary)
            from value in e.Message(EventField.Summary).Messages(1)
            where value.Has(ValueField.SimpleValue)
            select (value.String(ValueField.Tag), e.Varint(EventField.Step), value.Float(ValueField.SimpleValue))];

    /// <summary>The HParams plugin data of the one summary value tagged <paramref name="tag"/>, checked to be the plugin's, version 0.</summary>
    private static ProtoMessage HParams(IEnumerable<ProtoMessage> events, string tag)
    {
        var value = Assert.Single(
            from e in events
            where e.Has(EventField.Summary)
            from v in e.Message(EventField.Summary).Messages(1)
            where v.String(ValueField.Tag) == tag
            select v);
        var pluginData = value.Message(ValueField.Metadata).Message(1);
        Assert.Equal("hparams", pluginData.String(1));
        var content = ProtoMessage.Parse(pluginData.Bytes(2));
        Assert.Equal(0, content.Varint(1));
        return content;
    }

    /// <summary>tensorflow.Event's fields.</summary>
    private static class EventField
    {
        public const int WallTime = 1;
        public const int Step = 2;
        public const int FileVersion = 3;
        public const int Summary = 5;
    }

    /// <summary>tensorflow.Summary.Value's fields.</summary>
    private static class ValueField
    {
        public const int Tag = 1;
        public const int SimpleValue = 2;
        public const int Metadata = 9;
    }

    /// <summary>tensorboard.hparams.HParamsPluginData's fields.</summary>
    private static class PluginDataField
    {
        public const int Experiment = 2;
        public const int SessionStartInfo = 3;
        public const int SessionEndInfo = 4;
    }

    /// <summary>google.protobuf.Value's fields.</summary>
    private static class GoogleValueField
    {
        public const int Number = 2;
    }
}
