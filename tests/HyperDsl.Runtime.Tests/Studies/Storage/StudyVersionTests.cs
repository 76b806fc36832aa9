using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Runtime.Tests.Studies.Storage;

/// <summary>An experiment's study versions, one for each spec hash.</summary>
public abstract class StudyVersionTests(IStoreBackend backend) : StoreContract(backend)
{
    private static readonly SpecRecord First = new("hash-1", "specs/mnist.hyp", "experiment mnist { }", "0.1.0");
    private static readonly SpecRecord Second = new("hash-2", "specs/mnist.hyp", "experiment mnist { epochs: 3 }", "0.1.0");


    [Fact]
    public void First_version_is_the_study_named_after_the_experiment()
    {
        using var store = Backend.Open();

        var version = store.CreateStudyVersion("mnist", First, [StudyDirection.Maximize]);

        Assert.Equal(("mnist", "mnist", 1, First), (version.StudyName, version.Experiment, version.Version, version.Spec));
        Assert.Equal(version.StudyId, store.FindStudy("mnist"));
        Assert.Equal([StudyDirection.Maximize], store.Directions(version.StudyId));
    }

    [Fact]
    public void The_same_spec_hash_gives_back_its_version()
    {
        using var store = Backend.Open();
        var created = store.CreateStudyVersion("mnist", First, [StudyDirection.Maximize]);

        var again = store.CreateStudyVersion("mnist", First with { Text = "experiment mnist { } // a comment" }, [StudyDirection.Maximize]);

        Assert.Equal(created.StudyId, again.StudyId);
        Assert.Equal(First, again.Spec);
        Assert.Single(store.Studies());
    }

    [Fact]
    public void A_new_spec_hash_makes_the_next_version_named_with_its_number()
    {
        using var store = Backend.Open();
        var first = store.CreateStudyVersion("mnist", First, [StudyDirection.Maximize]);

        var second = store.CreateStudyVersion("mnist", Second, [StudyDirection.Minimize]);

        Assert.NotEqual(first.StudyId, second.StudyId);
        Assert.Equal(("mnist@v2", 2), (second.StudyName, second.Version));
        Assert.Equal(second.StudyId, store.FindStudy("mnist@v2"));
        Assert.Equal([StudyDirection.Minimize], store.Directions(second.StudyId));
    }

    [Fact]
    public void Versions_are_listed_oldest_first_with_their_specs_and_times()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        using (var store = Backend.Open(clock))
        {
            store.CreateStudyVersion("mnist", First, [StudyDirection.Maximize]);
            clock.Advance(TimeSpan.FromDays(1));
            store.CreateStudyVersion("mnist", Second, [StudyDirection.Maximize]);
            store.CreateStudyVersion("cifar", First, [StudyDirection.Maximize]);
        }

        using var reopened = Backend.Open();
        var versions = reopened.StudyVersions("mnist");

        Assert.Equal(["mnist", "mnist@v2"], versions.Select(v => v.StudyName));
        Assert.Equal([First, Second], versions.Select(v => v.Spec));
        Assert.Equal([new DateTime(2026, 1, 2, 5, 4, 5), new DateTime(2026, 1, 3, 5, 4, 5)], versions.Select(v => v.Created));
        Assert.Equal("cifar", Assert.Single(reopened.StudyVersions("cifar")).StudyName);
        Assert.Empty(reopened.StudyVersions("unknown"));
    }

    [Fact]
    public void A_study_of_the_same_name_not_made_as_a_version_is_refused()
    {
        using var store = Backend.Open();
        store.CreateStudy("mnist", [StudyDirection.Maximize]);

        var error = Assert.Throws<StudyStoreException>(() => store.CreateStudyVersion("mnist", First, [StudyDirection.Maximize]));

        Assert.Contains("already has a study named 'mnist'", error.Message, StringComparison.Ordinal);
        Assert.Single(store.Studies());
    }

    [Fact]
    public void Two_stores_starting_the_same_new_spec_at_once_get_one_study()
    {
        using var a = Backend.Open();
        using var b = Backend.Open();
        using var start = new Barrier(2);

        var ids = new[] { a, b }.AsParallel().WithDegreeOfParallelism(2).Select(store =>
        {
            start.SignalAndWait();
            return store.CreateStudyVersion("mnist", First, [StudyDirection.Maximize]).StudyId;
        }).ToList();

        Assert.Equal(ids[0], ids[1]);
        Assert.Single(a.Studies());
    }
}
