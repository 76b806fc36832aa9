using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.TestKit;

namespace HyperDsl.Runtime.Tests.Studies.Storage;

[Collection(PostgresTests.Name)]
public sealed class PostgresOptunaInteroperabilityTests(PostgresServer server) : OptunaInteroperabilityTests(server.NewDatabase())
{
    [Fact]
    public void Tables_and_enum_types_are_created_exactly_as_optuna_creates_them()
    {
        using (var store = Backend.Open())
        {
            store.Upgrade();
        }

        using var empty = server.NewDatabase();
        using var schema = RunOptuna("pg-schema", Backend.OptunaUrl, empty.OptunaUrl);
        var ours = schema.RootElement.GetProperty("ours");
        var optuna = schema.RootElement.GetProperty("optuna");

        Assert.Equal(13, optuna.GetProperty("columns").EnumerateArray().Select(c => c[0].GetString()).Distinct().Count());
        Assert.Equal(
            ["studydirection", "trialintermediatevaluetype", "trialstate", "trialvaluetype"],
            optuna.GetProperty("enums").EnumerateArray().Select(e => e[0].GetString()).Distinct());
        foreach (var part in new[] { "columns", "constraints", "indexes", "enums", "sequences" })
        {
            Assert.Equal(optuna.GetProperty(part).GetRawText(), ours.GetProperty(part).GetRawText());
        }
    }

    [Fact]
    public void Optuna_and_the_store_judge_heartbeats_on_the_same_clock()
    {
        Assert.Equal(PostgresServer.TimeZone, ((PostgresDatabase)Backend).Scalar("SHOW TimeZone"));
        using var store = Backend.Open();
        var study = store.CreateStudy("beats", [StudyDirection.Minimize]);
        var silent = store.CreateRunningTrial(study);
        var beating = store.CreateRunningTrial(study);
        Backend.Execute($"UPDATE trial_heartbeats SET heartbeat = heartbeat - interval '10 minutes' WHERE trial_id = {silent.Id}");

        // Optuna (stale after 120 s) fails the silent trial and takes the store's fresh heartbeat as fresh.
        using (var failed = RunOptuna("fail-stale", Backend.OptunaUrl, "beats"))
        {
            Assert.Equal([silent.Number], failed.RootElement.EnumerateArray().Select(n => n.GetInt32()));
        }

        // The store takes a heartbeat Optuna just recorded as fresh, and the others as ten minutes old.
        var third = store.CreateRunningTrial(study);
        Backend.Execute("UPDATE trial_heartbeats SET heartbeat = heartbeat - interval '10 minutes'");
        RunOptuna("beat", Backend.OptunaUrl, "beats", third.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)).Dispose();

        Assert.Equal([beating.Id], store.FailStaleTrials(study, TimeSpan.FromMinutes(5), "stale").Select(t => t.Id));
        Assert.Equal([TrialState.Failed, TrialState.Failed, TrialState.Running], store.Trials(study).Select(t => t.State));
    }

    [Fact]
    public void A_database_optuna_made_gets_hyperdsl_tables_and_optuna_still_deletes_a_study_version()
    {
        RunOptuna("create", Backend.OptunaUrl, "made-by-optuna").Dispose();
        using var store = Backend.Open();
        var version = store.CreateStudyVersion("mnist", new SpecRecord("h", "mnist.hyp", "experiment mnist { }", "0.1.0"), [StudyDirection.Minimize]);
        var trial = store.CreateRunningTrial(version.StudyId);
        store.SetParameter(trial.Id, StoreSpaces.Layers, 2L);
        store.FinishTrial(trial.Id, TrialState.Complete, [0.5]);

        Assert.NotNull(store.FindStudy("made-by-optuna"));
        RunOptuna("delete", Backend.OptunaUrl, "mnist").Dispose();

        Assert.Null(store.FindStudy("mnist"));
        Assert.Empty(store.StudyVersions("mnist"));
    }
}
