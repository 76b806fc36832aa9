using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Runtime.Studies.TensorBoard;
using HyperDsl.Runtime.Training;
using HyperDsl.TestKit;

namespace HyperDsl.Runtime.Tests.Studies.TensorBoard;

/// <summary>The observer driven by hand (no training): types and domains of every kind of parameter, the statuses, and a failing disk.</summary>
public sealed class TensorBoardStudyObserverTests : IDisposable
{
    private static readonly IReadOnlyList<ParameterSpace> Space =
    [
        new FloatSpace("lr", 1e-4, 1e-1, Log: true, Step: null, Condition: null),
        new IntSpace("depth", 1, 4, Log: false, Step: 1, Condition: null),
        new CategoricalSpace("optimizer", ["adam", "sgd"], Condition: null),
        new CategoricalSpace("nesterov", [true, false], Condition: null),
        new FloatSpace("momentum", 0.8, 0.99, Log: false, Step: null, Condition: "optimizer == sgd"),
    ];

    private static readonly IReadOnlyList<Objective> Objectives = [new("val_loss", StudyDirection.Minimize, MetricSource.ValLoss)];

    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-tensorboard-observer-").FullName;
    private readonly List<string> _warnings = [];

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Parameters_of_every_kind_get_their_hparams_type_domain_and_value()
    {
        using (var observer = Observer())
        {
            observer.StudyStarted(Start("st/udy"));
            observer.TrialStarted(4, new Dictionary<string, object> { ["lr"] = 0.01, ["depth"] = 3L, ["optimizer"] = "adam", ["nesterov"] = true }, "sampled");
            observer.EpochFinished(4, new EpochMetrics(1, 0.9, 0.8, 0.5, 0.01, 1, 100), 1);
            observer.TrialFinished(Trial(4, TrialState.Complete, [0.8]), TimeSpan.FromSeconds(1));
        }

        var events = TensorBoardEventReader.Records(Assert.Single(Directory.GetFiles(Path.Combine(_folder, "st_udy", "trial-4"))));
        var experiment = PluginData(events, "_hparams_/experiment").Message(2);
        var infos = experiment.Messages(4).ToDictionary(info => info.String(1));
        Assert.Equal(["depth", "lr", "momentum", "nesterov", "optimizer"], infos.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((3, 1.0, 4.0), (infos["depth"].Varint(4), infos["depth"].Message(6).Double(1), infos["depth"].Message(6).Double(2)));
        Assert.Equal(1, infos["optimizer"].Varint(4)); // DATA_TYPE_STRING
        Assert.Equal(["adam", "sgd"], infos["optimizer"].Message(5).Messages(1).Select(v => v.String(3)));
        Assert.Equal(2, infos["nesterov"].Varint(4)); // DATA_TYPE_BOOL
        Assert.Equal([1L, 0L], infos["nesterov"].Message(5).Messages(1).Select(v => v.Varint(4)));
        Assert.Equal(
            ["train_loss", "val_loss", "val_accuracy", "objective/val_loss"],
            experiment.Messages(5).Select(m => m.Message(1).String(2)));

        // The unused conditional parameter (momentum) is left out of the session.
        var start = PluginData(events, "_hparams_/session_start_info").Message(3);
        var values = start.Messages(1).ToDictionary(entry => entry.String(1), entry => entry.Message(2));
        Assert.Equal(["depth", "lr", "nesterov", "optimizer"], values.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3.0, values["depth"].Double(2));
        Assert.Equal("adam", values["optimizer"].String(3));
        Assert.Equal(1, values["nesterov"].Varint(4));
    }

    [Theory]
    [InlineData(TrialState.Complete, 1L)]
    [InlineData(TrialState.Pruned, 1L)]
    [InlineData(TrialState.Failed, 2L)]
    [InlineData(TrialState.Waiting, null)]
    public void A_session_ends_with_the_trial_s_status_unless_the_trial_is_to_go_on(TrialState state, long? status)
    {
        using (var observer = Observer())
        {
            observer.StudyStarted(Start("s"));
            observer.TrialStarted(0, new Dictionary<string, object> { ["lr"] = 0.01 }, "sampled");
            observer.TrialFinished(Trial(0, state, null), TimeSpan.Zero);
        }

        var events = TensorBoardEventReader.Records(Assert.Single(Directory.GetFiles(Path.Combine(_folder, "s", "trial-0"))));
        var ends = Summaries(events, "_hparams_/session_end_info").ToList();
        Assert.Equal(status, ends.Count == 0 ? null : Assert.Single(ends).Message(4).Varint(1));
        Assert.Single(Summaries(events, "_hparams_/experiment"));
    }

    [Fact]
    public void A_write_that_fails_stops_the_output_with_one_warning_and_throws_nothing()
    {
        var logs = Path.Combine(_folder, "logs");
        using (var observer = Observer(logs))
        {
            observer.StudyStarted(Start("s"));

            // The study's folder becomes a file: no trial folder can be made under it.
            Directory.Delete(logs, recursive: true);
            File.WriteAllText(logs, "");
            observer.TrialStarted(0, new Dictionary<string, object> { ["lr"] = 0.01 }, "sampled");
            observer.EpochFinished(0, new EpochMetrics(1, 0.9, 0.8, 0.5, 0.01, 1, 100), 1);
            observer.TrialStarted(1, new Dictionary<string, object> { ["lr"] = 0.02 }, "sampled");
            observer.TrialFinished(Trial(0, TrialState.Complete, [0.8]), TimeSpan.Zero);
        }

        var warning = Assert.Single(_warnings);
        Assert.StartsWith($"TensorBoard output to '{logs}' stopped: ", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_that_cannot_be_made_is_named_with_why()
    {
        var file = Path.Combine(_folder, "file");
        File.WriteAllText(file, "");

        Assert.Null(TensorBoardStudyObserver.WritableProblem(Path.Combine(_folder, "new", "logs")));
        Assert.StartsWith($"cannot write TensorBoard files to '{Path.Combine(file, "logs")}': ", TensorBoardStudyObserver.WritableProblem(Path.Combine(file, "logs")), StringComparison.Ordinal);
    }

    private TensorBoardStudyObserver Observer(string? directory = null)
    {
        var folder = directory ?? _folder;
        Directory.CreateDirectory(folder);
        return new TensorBoardStudyObserver(folder, Space, Objectives, _warnings.Add);
    }

    private static StudyStart Start(string study) =>
        new(new StudyVersion(1, study, "exp", 1, new SpecRecord("hash", "x.hyp", "", "test"), DateTime.UtcNow), true, "memory", 1, 0, 0, 0, null);

    private static StoredTrial Trial(int number, TrialState state, IReadOnlyList<double>? values) =>
        new(number + 1, number, state, values, new Dictionary<string, object>(), new Dictionary<string, ParameterSpace>(), new Dictionary<int, double>(), null, null, new Dictionary<string, string>(), new Dictionary<string, string>());

    private static IEnumerable<ProtoMessage> Summaries(IEnumerable<ProtoMessage> events, string tag) =>
        from e in events
        where e.Has(5)
        from value in e.Message(5).Messages(1)
        where value.String(1) == tag
        select ProtoMessage.Parse(value.Message(9).Message(1).Bytes(2));

    private static ProtoMessage PluginData(IEnumerable<ProtoMessage> events, string tag) => Assert.Single(Summaries(events, tag));
}
