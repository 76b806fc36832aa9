using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Runtime.Tests.Studies.Storage;

/// <summary>
/// Two instances on one database stand for two processes: each has its own connection, and the
/// database's locks work between connections of one process as between processes.
/// </summary>
public abstract class StoreConcurrencyTests(IStoreBackend backend) : StoreContract(backend)
{
    private const int TrialsEach = 60;

    [Fact]
    public void Two_instances_creating_trials_at_once_never_share_a_number()
    {
        using var a = Backend.Open();
        using var b = Backend.Open();
        var study = a.CreateStudy("s", [StudyDirection.Minimize]);

        var trials = AtOnce([a, b, a, b], store => Enumerable.Range(0, TrialsEach).Select(_ => store.CreateRunningTrial(study)).ToList());

        Assert.Equal(Enumerable.Range(0, 4 * TrialsEach), trials.Select(t => t.Number).Order());
        Assert.Equal(Enumerable.Range(0, 4 * TrialsEach), a.Trials(study).Select(t => t.Number));
        Assert.Equal(4 * TrialsEach, b.Trials(study).Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public void Threads_sharing_one_instance_never_share_a_number()
    {
        using var store = Backend.Open();
        var study = store.CreateStudy("s", [StudyDirection.Minimize]);

        var trials = AtOnce([store, store, store], s => Enumerable.Range(0, TrialsEach).Select(_ =>
        {
            var trial = s.CreateRunningTrial(study);
            s.SetParameter(trial.Id, StoreSpaces.Layers, 2L);
            s.FinishTrial(trial.Id, TrialState.Complete, [trial.Number]);
            s.Trials(study);
            return trial;
        }).ToList());

        Assert.Equal(Enumerable.Range(0, 3 * TrialsEach), trials.Select(t => t.Number).Order());
        Assert.All(store.Trials(study), t => Assert.Equal(t.Number, t.Values![0]));
    }

    [Fact]
    public void Two_instances_claiming_waiting_trials_get_each_once()
    {
        using var a = Backend.Open();
        using var b = Backend.Open();
        var study = a.CreateStudy("s", [StudyDirection.Minimize]);
        var queued = Enumerable.Range(0, 2 * TrialsEach).Select(i => a.EnqueueTrial(study, new Dictionary<string, object> { ["layers"] = (long)i }).Id).ToList();

        var claimed = AtOnce([a, b], store =>
        {
            var mine = new List<StoredTrial>();
            while (store.StartNextTrial(study, budget: null, create: false).Trial is { } trial)
            {
                mine.Add(trial);
            }

            return mine;
        });

        Assert.Equal(queued, claimed.Select(t => t.Id).Order());
        Assert.All(a.Trials(study), t => Assert.Equal(TrialState.Running, t.State));
    }

    [Fact]
    public void Instances_starting_trials_at_once_never_overshoot_the_budget()
    {
        using var a = Backend.Open();
        using var b = Backend.Open();
        var study = a.CreateStudy("s", [StudyDirection.Minimize]);
        a.EnqueueTrial(study, new Dictionary<string, object> { ["layers"] = 1L });

        var started = AtOnce([a, b, a, b], store =>
        {
            var mine = new List<StoredTrial>();
            while (store.StartNextTrial(study, budget: TrialsEach, create: true) is { Trial: { } trial })
            {
                mine.Add(trial);
            }

            return mine;
        });

        Assert.Equal(Enumerable.Range(0, TrialsEach), started.Select(t => t.Number).Order());
        Assert.Equal(TrialsEach, b.Trials(study).Count);
        Assert.True(b.StartNextTrial(study, budget: TrialsEach, create: true).BudgetReached);
    }

    [Fact]
    public void Two_instances_opening_a_new_database_at_once_both_work()
    {
        using var start = new Barrier(2);

        var stores = new[] { 0, 1 }.AsParallel().WithDegreeOfParallelism(2).Select(_ =>
        {
            start.SignalAndWait();
            return Backend.Open();
        }).ToList();
        try
        {
            var study = stores[0].CreateStudy("s", [StudyDirection.Minimize]);
            stores[1].CreateRunningTrial(study);
            Assert.Single(stores[0].Trials(study));
        }
        finally
        {
            stores.ForEach(s => s.Dispose());
        }
    }

    /// <summary>Runs <paramref name="work"/> for each store on its own thread, all released at once.</summary>
    private static List<T> AtOnce<T>(IReadOnlyList<IStudyStore> stores, Func<IStudyStore, List<T>> work) => Simultaneous.Run(stores.Count, i => work(stores[i]));
}
