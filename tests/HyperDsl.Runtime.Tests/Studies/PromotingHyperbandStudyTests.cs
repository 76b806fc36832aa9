using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Pruning;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Runtime.Tests.Studies;

/// <summary>
/// A study with <c>hyperband(min_epochs: 1, reduction: 3, promote: true)</c>, <c>trials 16</c>, <c>epochs 9</c>, run through the study
/// runner on SQLite. Its brackets have rungs [1, 3], [3] and none; trials 0-15 fall 9, 5 and 2 into them.
/// </summary>
public sealed class PromotingHyperbandStudyTests : IDisposable
{
    private const int Trials = 16;
    private const int Epochs = 9;

    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-hyperband-").FullName;
    private readonly DataSplits _data = TinyExperiment.Data();

    public void Dispose()
    {
        _data.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Trials_pause_at_their_brackets_rungs_the_best_of_each_bracket_are_promoted_and_no_epoch_is_trained_twice(int parallel)
    {
        var experiment = new TinyExperiment { Plan = new TinyExperiment().Plan with { Trials = Trials, Epochs = Epochs, Parallel = parallel, Pruner = new PrunerChoice.Hyperband(MinEpochs: 1, Reduction: 3, Promote: true) } };
        var schedule = new PromotingHyperband(StudyDirection.Maximize, 1, 3, Epochs);
        var epochs = new EpochLog();
        using var store = SqliteStudyStore.Open(Path.Combine(_folder, "study.db"));
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
        var bracket = trials.ToDictionary(t => t.Number, t => schedule.BracketOf(t.Number));
        Assert.Equal([9, 5, 2], Enumerable.Range(0, 3).Select(b => bracket.Values.Count(v => v == b)));

        // The budget counts trials started: sixteen, none started twice, none left running or failed.
        Assert.Equal(StudyStopReason.BudgetReached, result.Reason);
        Assert.Equal(Trials, result.Ran);
        Assert.Equal(Trials, trials.Count);
        Assert.All(trials, t => Assert.True(t.State is TrialState.Complete or TrialState.Pruned, $"trial {t.Number} is {t.State}: {StudyAttributes.Text(t.SystemAttributes, "fail_reason")}"));

        // No epoch of any trial was trained twice, and each trial's curve runs from epoch 1 without a gap (resumed, not restarted).
        Assert.Equal(epochs.Trained.Count, epochs.Trained.Distinct().Count());
        Assert.All(trials, t => Assert.Equal(Enumerable.Range(1, t.Intermediate.Count), t.Intermediate.Keys.Order()));
        Assert.Equal(trials.Sum(t => t.Intermediate.Count), epochs.Trained.Count);

        // Each trial stopped only at one of its own bracket's rungs or at the end: bracket 1's never at epoch 1, bracket 2's never before the end.
        Assert.All(trials, t => Assert.Contains(t.Intermediate.Count, schedule.RungsOf(t.Number).Append(Epochs)));
        Assert.All(trials.Where(t => bracket[t.Number] == 2), t => Assert.Equal((TrialState.Complete, Epochs), (t.State, t.Intermediate.Count)));

        // Per bracket: bracket 0's nine trials send at least three to epoch 3 and at least one of those on to the end;
        // bracket 1's five send at least one from epoch 3 to the end. Trials of one bracket did not take another's places.
        int Reached(int b, int epoch) => trials.Count(t => bracket[t.Number] == b && t.Intermediate.Count >= epoch);
        Assert.InRange(Reached(0, 3), 3, 8);
        Assert.InRange(Reached(0, Epochs), 1, Reached(0, 3) - 1);
        Assert.InRange(Reached(1, Epochs), 1, 4);

        // Those that trained all epochs completed; the others ended pruned with their last rung's value.
        Assert.All(trials.Where(t => t.Intermediate.Count == Epochs), t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(trials.Where(t => t.Intermediate.Count < Epochs), t =>
        {
            Assert.Equal(TrialState.Pruned, t.State);
            Assert.Equal(t.Intermediate[t.Intermediate.Keys.Max()], t.Values![0]);
        });

        // When the study ends, no trial left behind at a rung is in the best third of its bracket's rung.
        var standings = trials.Select(t => new RungStanding(
            t.Number,
            [.. schedule.RungsOf(t.Number).Where(t.Intermediate.ContainsKey).Select(r => t.Intermediate[r])],
            t.State == TrialState.Pruned ? schedule.RungsOf(t.Number).ToList().IndexOf(t.Intermediate.Count) : null)).ToList();
        Assert.Null(schedule.Promotion(standings));

        // Promoted trials went on from their checkpoints (the pause marker cleared), and far fewer epochs were trained than all to the end.
        Assert.Contains(trials, t => bracket[t.Number] == 1 && t.SystemAttributes.TryGetValue(StudyAttributes.PausedAtRung, out var json) && json == "null");
        Assert.True(epochs.Trained.Count < Trials * Epochs, $"{epochs.Trained.Count} epochs");
    }
}
