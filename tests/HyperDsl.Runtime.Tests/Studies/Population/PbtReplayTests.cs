using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Population;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Runtime.Training;

namespace HyperDsl.Runtime.Tests.Studies.Population;

/// <summary>Replaying a PBT schedule (<see cref="StudyRunOptions.Replay"/>) as one trial of the tiny experiment.</summary>
public sealed class PbtReplayTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-pbt-replay-").FullName;
    private readonly DataSplits _data = TinyExperiment.Data();

    public void Dispose()
    {
        _data.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void A_replay_is_one_trial_that_trains_each_stretch_s_epochs_with_its_values_without_training_an_epoch_twice()
    {
        var experiment = new TinyExperiment { Plan = new TinyExperiment().Plan with { Epochs = 4 } };
        MemberStretch Stretch(int from, double lr, string optimizer, int? copiedFrom) =>
            new(from, new Dictionary<string, object> { ["lr"] = lr, ["width"] = 4L, ["optimizer"] = optimizer }, copiedFrom);
        IReadOnlyList<MemberStretch> schedule = [Stretch(1, 0.01, "adam", null), Stretch(2, 0.012, "adam", 3), Stretch(4, 0.0096, "adam", 1)];
        var started = new List<(int Trial, double Lr)>();
        var epochs = new List<int>();
        using var store = SqliteStudyStore.Open(Path.Combine(_folder, "study.db"));
        var options = new StudyRunOptions
        {
            SpecPath = Path.Combine(_folder, "tiny.hyp"),
            SpecText = "experiment tiny { }",
            Data = _data,
            CheckpointDirectory = Path.Combine(_folder, "checkpoints"),
            Replay = schedule,
        };

        var result = new StudyRunner(experiment, store, options, new Log(started, epochs)).Run();

        var trial = Assert.Single(result.Trials);
        Assert.Equal(TrialState.Complete, trial.State);
        Assert.Equal([1, 2, 3, 4], epochs);
        Assert.Equal([0.01, 0.012, 0.0096], started.Select(s => s.Lr));
        Assert.Equal(0.0096, trial.Parameters["lr"]);
        Assert.Equal([1, 2, 4], MemberStretch.Read(trial.UserAttributes).Select(s => s.FromEpoch));
    }

    private sealed class Log(List<(int Trial, double Lr)> started, List<int> epochs) : IStudyObserver
    {
        public void StudyStarted(StudyStart start)
        {
        }

        public void TrialStarted(int number, IReadOnlyDictionary<string, object> parameters, string origin) => started.Add((number, (double)parameters["lr"]));

        public void EpochFinished(int number, EpochMetrics metrics, int total) => epochs.Add(metrics.Epoch);

        public void TrialFinished(StoredTrial trial, TimeSpan duration)
        {
        }

        public void StudyFinished(StudyResult result)
        {
        }
    }
}
