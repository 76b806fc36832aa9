using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Runtime.Tests.Studies;

public sealed class WarmStartPreviewTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-preview-").FullName;
    private readonly DataSplits _data = TinyExperiment.Data();

    public void Dispose()
    {
        _data.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private StudyResult Run(IExperimentDefinition experiment, IStudyStore store, bool warmStart) =>
        new StudyRunner(experiment, store, new StudyRunOptions { SpecPath = Path.Combine(_folder, "tiny.hyp"), SpecText = "experiment tiny { }", Data = _data, WarmStart = warmStart }).Run();

    [Fact]
    public void The_preview_counts_what_a_warm_start_then_carries_over_and_writes_nothing()
    {
        using var store = SqliteStudyStore.Open(Path.Combine(_folder, "study.db"));
        var first = Run(new TinyExperiment { Plan = new TinyExperiment().Plan with { Trials = 6 } }, store, warmStart: false);
        var changed = new TinyExperiment { StudyHash = "hash-2", Widths = [8L, 16L], Plan = new TinyExperiment().Plan with { Trials = 6 } };

        var preview = WarmStartPreview.Of(changed, store, "tiny");

        Assert.Null(preview.ExistingVersion);
        Assert.Equal(first.Version.StudyId, preview.Previous!.StudyId);
        Assert.Equal(6, preview.Finished);
        Assert.Equal(first.Trials.Count(t => (long)t.Parameters["width"] == 8L), preview.Carried);
        Assert.Single(store.StudyVersions("tiny"));

        var second = Run(changed, store, warmStart: true);
        Assert.Equal(preview.Carried, second.Trials.Count(t => t.UserAttributes.ContainsKey(StudyAttributes.WarmStartFrom)));
    }

    [Fact]
    public void A_spec_with_a_stored_version_continues_it_and_a_new_study_has_nothing_to_carry()
    {
        using var store = SqliteStudyStore.Open(Path.Combine(_folder, "study.db"));
        var first = Run(new TinyExperiment { Plan = new TinyExperiment().Plan with { Trials = 2 } }, store, warmStart: false);

        var same = WarmStartPreview.Of(new TinyExperiment(), store, "tiny");
        var other = WarmStartPreview.Of(new TinyExperiment(), store, "another");

        Assert.Equal(first.Version.StudyId, same.ExistingVersion!.StudyId);
        Assert.Equal(0, same.Carried);
        Assert.Equal(new WarmStartPreview(null, null, 0, 0), other);
    }
}
