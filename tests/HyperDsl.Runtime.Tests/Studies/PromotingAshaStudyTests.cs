using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Pruning;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Runtime.Tests.Studies;

/// <summary>A study with <c>asha(min_epochs: 1, reduction: 3, promote: true)</c>, <c>trials 9</c>, <c>epochs 9</c>, run through the study runner on SQLite.</summary>
public sealed class PromotingAshaStudyTests : IDisposable
{
    private const int Trials = 9;
    private const int Epochs = 9;

    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-asha-").FullName;
    private readonly DataSplits _data = TinyExperiment.Data();

    public void Dispose()
    {
        _data.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Trials_pause_at_rungs_the_best_are_promoted_from_their_checkpoints_and_no_epoch_is_trained_twice(int parallel)
    {
        var experiment = new TinyExperiment { Plan = new TinyExperiment().Plan with { Trials = Trials, Epochs = Epochs, Parallel = parallel, Pruner = new PrunerChoice.Asha(MinEpochs: 1, Reduction: 3, Promote: true) } };
        var epochs = new EpochLog();
        using var store = SqliteStudyStore.Open(Path.Combine(_folder, "study.db"));

        // Paused trials have no heartbeat: with a stale limit this short, recovery would fail every one of them if it took them for dead
        // (one worker only: recovery runs between its trials; parallel workers' running trials would look stale too).
        var options = new StudyRunOptions
        {
            SpecPath = Path.Combine(_folder, "tiny.hyp"),
            SpecText = "experiment tiny { }",
            Data = _data,
            CheckpointDirectory = Path.Combine(_folder, "checkpoints"),
            StaleAfter = parallel == 1 ? TimeSpan.FromMilliseconds(1) : TimeSpan.FromMinutes(5),
        };
        var result = new StudyRunner(experiment, store, options, epochs).Run();
        var trials = result.Trials;

        // The budget counts trials started: nine, none started twice, none left running or failed.
        Assert.Equal(StudyStopReason.BudgetReached, result.Reason);
        Assert.Equal(Trials, result.Ran);
        Assert.Equal(Trials, trials.Count);
        Assert.All(trials, t => Assert.True(t.State is TrialState.Complete or TrialState.Pruned, $"trial {t.Number} is {t.State}: {StudyAttributes.Text(t.SystemAttributes, "fail_reason")}"));

        // No epoch of any trial was trained twice, and each trial's curve runs from epoch 1 without a gap (resumed, not restarted).
        Assert.Equal(epochs.Trained.Count, epochs.Trained.Distinct().Count());
        Assert.All(trials, t => Assert.Equal(Enumerable.Range(1, t.Intermediate.Count), t.Intermediate.Keys.Order()));
        Assert.Equal(trials.Sum(t => t.Intermediate.Count), epochs.Trained.Count);

        // Every trial reached the first rung; trials stop only at rungs; promoted ones reached later rungs.
        Assert.All(trials, t => Assert.Contains(t.Intermediate.Count, new[] { 1, 3, 9 }));
        var atThree = trials.Count(t => t.Intermediate.Count >= 3);
        var atNine = trials.Count(t => t.Intermediate.Count == Epochs);
        Assert.InRange(atThree, Trials / 3, Trials - 1);
        Assert.InRange(atNine, 1, atThree - 1);

        // Those that trained all epochs completed; the others ended pruned with their last rung's value, as Optuna reads them.
        Assert.All(trials.Where(t => t.Intermediate.Count == Epochs), t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(trials.Where(t => t.Intermediate.Count < Epochs), t =>
        {
            Assert.Equal(TrialState.Pruned, t.State);
            Assert.Equal(t.Intermediate[t.Intermediate.Keys.Max()], t.Values![0]);
        });

        // As ASHA predicts: when the study ends, no trial left behind at a rung is in the best third of that rung.
        var schedule = new PromotingAsha(StudyDirection.Maximize, 1, 3, Epochs);
        var standings = trials.Select(t => new RungStanding(
            t.Number,
            [.. schedule.Rungs.Where(t.Intermediate.ContainsKey).Select(r => t.Intermediate[r])],
            t.State == TrialState.Pruned ? schedule.RungAt(t.Intermediate.Count) : null)).ToList();
        Assert.Null(schedule.Promotion(standings));
        Assert.True(atThree >= Trials / 3 && atNine >= atThree / 3);

        // Far fewer epochs than training every trial to the end.
        Assert.True(epochs.Trained.Count < Trials * Epochs, $"{epochs.Trained.Count} epochs");
        Assert.Contains(trials, t => t.SystemAttributes.TryGetValue(StudyAttributes.PausedAtRung, out var json) && json == "null");
    }
}
