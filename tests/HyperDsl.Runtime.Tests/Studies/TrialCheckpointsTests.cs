using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Runtime.Training;

namespace HyperDsl.Runtime.Tests.Studies;

public sealed class TrialCheckpointsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-trial-ckpt-").FullName;
    private readonly DataSplits _data = TinyExperiment.Data();

    public void Dispose()
    {
        _data.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string Checkpoints => Path.Combine(_folder, "checkpoints");

    private static TinyExperiment Experiment(int trials, int epochs = 3) => new() { Plan = new TinyExperiment().Plan with { Trials = trials, Epochs = epochs } };

    [Fact]
    public void An_interrupted_trials_retry_resumes_from_its_checkpoint_and_ends_bit_for_bit_as_an_uninterrupted_trial()
    {
        using var store = Open();
        using var cancel = new CancellationTokenSource();
        var interrupted = new StudyRunner(Experiment(trials: 1), store, Options(), new Epochs(cancelAfter: 1, cancel)).Run(cancel.Token);
        var original = Assert.Single(interrupted.Trials);
        Assert.Equal(TrialState.Failed, original.State);
        Assert.Contains("\"epoch\": 1", original.SystemAttributes[StudyAttributes.Checkpoint], StringComparison.Ordinal);

        var trained = new Epochs(cancelAfter: null, cancel: null);
        var resumed = new StudyRunner(Experiment(trials: 1), store, Options(), trained).Run();
        using var referenceStore = Open("reference.db");
        var reference = Assert.Single(new StudyRunner(Experiment(trials: 1), referenceStore, Options() with { CheckpointDirectory = null }).Run().Trials);

        var retry = resumed.Trials.Single(t => t.Number == 1);
        Assert.Equal(TrialState.Complete, retry.State);
        Assert.Equal("{\"trial\": 0, \"epoch\": 1}", retry.SystemAttributes[StudyAttributes.ResumedFrom]);

        // Epoch 1 was not trained again: only epochs 2 and 3 ran in the second process, and the trial says so.
        Assert.Equal([2, 3], trained.Finished);
        Assert.Equal("2", retry.UserAttributes[StudyAttributes.EpochsTrained]);
        Assert.Equal("3", retry.UserAttributes[StudyAttributes.Epochs]);
        Assert.Equal(reference.SystemAttributes[StudyAttributes.Seed], retry.SystemAttributes[StudyAttributes.Seed]);
        Assert.Equal(Bits(reference.Intermediate.OrderBy(p => p.Key).Select(p => p.Value)), Bits(retry.Intermediate.OrderBy(p => p.Key).Select(p => p.Value)));
        Assert.Equal(Bits(reference.Values!), Bits(retry.Values!));

        // Both checkpoints (the original's and the retry's) are gone: no retention was asked for.
        Assert.Empty(Directory.GetFiles(Checkpoints, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_damaged_checkpoint_makes_the_retry_train_from_the_start_and_say_why()
    {
        using var store = Open();
        using var cancel = new CancellationTokenSource();
        var original = Assert.Single(new StudyRunner(Experiment(trials: 1), store, Options(), new Epochs(cancelAfter: 1, cancel)).Run(cancel.Token).Trials);
        var file = Directory.GetFiles(Checkpoints, "*.ckpt", SearchOption.AllDirectories).Single();
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..100]);

        var trained = new Epochs(cancelAfter: null, cancel: null);
        var retry = new StudyRunner(Experiment(trials: 1), store, Options(), trained).Run().Trials.Single(t => t.Number == 1);

        Assert.Equal(TrialState.Complete, retry.State);
        Assert.Contains("damaged", retry.SystemAttributes[StudyAttributes.ResumeFailed], StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], trained.Finished);
        Assert.False(retry.SystemAttributes.ContainsKey(StudyAttributes.ResumedFrom));
        Assert.Equal(TrialState.Failed, original.State);
    }

    [Theory]
    [InlineData(CheckpointRetention.None, 0)]
    [InlineData(CheckpointRetention.Last, 3)]
    [InlineData(CheckpointRetention.Best, 1)]
    public void Finished_trials_keep_their_last_checkpoint_as_the_retention_says(CheckpointRetention retention, int kept)
    {
        using var store = Open();

        var result = new StudyRunner(Experiment(trials: 3, epochs: 2), store, Options() with { CheckpointRetention = retention }).Run();

        Assert.Equal(kept, Directory.GetFiles(Checkpoints, "*.ckpt", SearchOption.AllDirectories).Length);
        Assert.All(result.Trials, t => Assert.Contains("\"epoch\": 2", t.SystemAttributes[StudyAttributes.Checkpoint], StringComparison.Ordinal));
    }

    private static List<long> Bits(IEnumerable<double> values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];

    private IStudyStore Open(string name = "study.db") => SqliteStudyStore.Open(Path.Combine(_folder, name));

    private StudyRunOptions Options() => new()
    {
        SpecPath = Path.Combine(_folder, "tiny.hyp"),
        SpecText = "experiment tiny { }",
        Data = _data,
        CheckpointEvery = 1,
        CheckpointDirectory = Checkpoints,
    };

    // Records the epochs trained in this process; cancels the run after the given one.
    private sealed class Epochs(int? cancelAfter, CancellationTokenSource? cancel) : IStudyObserver
    {
        public List<int> Finished { get; } = [];

        public void StudyStarted(StudyStart start)
        {
        }

        public void TrialStarted(int number, IReadOnlyDictionary<string, object> parameters, string origin)
        {
        }

        public void EpochFinished(int number, EpochMetrics metrics, int epochs)
        {
            Finished.Add(metrics.Epoch);
            if (metrics.Epoch == cancelAfter)
            {
                cancel!.Cancel();
            }
        }

        public void TrialFinished(StoredTrial trial, TimeSpan duration)
        {
        }

        public void StudyFinished(StudyResult result)
        {
        }
    }
}
