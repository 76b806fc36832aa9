using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Runtime.Studies.Storage.Relational;
using HyperDsl.TestKit;
using static HyperDsl.Runtime.Tests.Studies.Storage.StoreSpaces;

namespace HyperDsl.Runtime.Tests.Studies.Storage;

/// <summary>
/// Optuna 3.1 itself (Debian's python3-optuna, with python3-psycopg2 for PostgreSQL) reads what the
/// store wrote, and the store reads what Optuna wrote.
/// </summary>
public abstract class OptunaInteroperabilityTests(IStoreBackend backend) : StoreContract(backend)
{
    private const string Python = "/usr/bin/python3";
    private static readonly string Script = Path.Combine(RepositoryPaths.Root, "tests", "HyperDsl.Runtime.Tests", "Studies", "Storage", "optuna_read_study.py");
    private static readonly ParameterSpace[] Spaces = [LearningRate, Dropout, Momentum, Layers, Width, Optimizer, BatchSize];

    [Fact]
    public void Optuna_reads_every_trial_of_a_study_the_store_wrote()
    {
        var written = WriteVisionStudy();

        using var read = RunOptuna("read", Backend.OptunaUrl, "vision");
        var study = read.RootElement.GetProperty("vision");
        var trials = study.GetProperty("trials").EnumerateArray().ToList();

        Assert.Equal(["MAXIMIZE"], Strings(study.GetProperty("directions")));
        Assert.Equal("\"cnn\"", study.GetProperty("user_attrs").GetProperty("family").GetRawText());
        Assert.Equal(["COMPLETE", "COMPLETE", "PRUNED", "FAIL", "RUNNING", "WAITING"], trials.Select(t => t.GetProperty("state").GetString()));
        Assert.Equal(Enumerable.Range(0, 6), trials.Select(t => t.GetProperty("number").GetInt32()));

        var first = trials[0];
        Assert.Equal(
            "{\"batch_size\": {\"type\": \"int\", \"value\": 32}, \"dropout\": {\"type\": \"float\", \"value\": 0.0}, \"layers\": {\"type\": \"int\", \"value\": 3}, " +
            "\"lr\": {\"type\": \"float\", \"value\": 0.00123}, \"momentum\": {\"type\": \"float\", \"value\": 0.75}, \"optimizer\": {\"type\": \"str\", \"value\": \"adam\"}, " +
            "\"width\": {\"type\": \"int\", \"value\": 64}}",
            Normalized(first.GetProperty("params")));
        foreach (var space in Spaces)
        {
            Assert.Equal(OptunaDistributions.ToJson(space), first.GetProperty("distributions").GetProperty(space.Name).GetString());
        }

        Assert.Equal("{\"0\": 0.5, \"1\": \"NaN\", \"2\": \"Infinity\", \"3\": 0.8}", Normalized(first.GetProperty("intermediate_values")));
        Assert.Equal("[0.81]", Normalized(first.GetProperty("values")));
        Assert.Equal("{\"accuracy\": 0.81, \"note\": \"first\"}", Normalized(first.GetProperty("user_attrs")));
        Assert.Equal("{}", Normalized(first.GetProperty("system_attrs")));
        Assert.Equal(written[0].Started, Time(first.GetProperty("datetime_start")));
        Assert.Equal(written[0].Completed, Time(first.GetProperty("datetime_complete")));

        Assert.Equal("{\"batch_size\": {\"type\": \"int\", \"value\": 64}, \"optimizer\": {\"type\": \"str\", \"value\": \"sgd\"}}", Normalized(trials[1].GetProperty("params")));
        Assert.Equal("[0.35]", Normalized(trials[2].GetProperty("values")));
        Assert.Equal("{\"0\": 0.3, \"4\": 0.35}", Normalized(trials[2].GetProperty("intermediate_values")));
        Assert.Equal(JsonValueKind.Null, trials[3].GetProperty("values").ValueKind);
        Assert.Equal("{\"fail_reason\": \"CUDA out of memory\"}", Normalized(trials[3].GetProperty("system_attrs")));
        Assert.Equal(JsonValueKind.Null, trials[4].GetProperty("datetime_complete").ValueKind);
        Assert.Equal("{\"layers\": {\"type\": \"int\", \"value\": 2}}", Normalized(trials[4].GetProperty("params")));
        Assert.Equal("{\"fixed_params\": {\"layers\": 2, \"lr\": 0.01, \"optimizer\": \"adamw\"}}", Normalized(trials[5].GetProperty("system_attrs")));
        Assert.Equal("{\"source\": \"try\"}", Normalized(trials[5].GetProperty("user_attrs")));
        Assert.Equal(JsonValueKind.Null, trials[5].GetProperty("datetime_start").ValueKind);

        Assert.Equal(0.9, study.GetProperty("best_value").GetDouble());
        Assert.Equal(1, study.GetProperty("best_trial").GetInt32());
        Assert.Equal("{\"batch_size\": 64, \"optimizer\": \"sgd\"}", Normalized(study.GetProperty("best_params")));
    }

    [Fact]
    public void Optuna_reads_a_two_objective_study_and_finds_its_best_trials()
    {
        using (var store = Backend.Open())
        {
            var pair = store.CreateStudy("pair", [StudyDirection.Minimize, StudyDirection.Maximize]);
            foreach (var values in new[] { new[] { 1.0, 2.0 }, [0.5, 1.0], [2.0, 3.0], [1.5, 1.5], [double.PositiveInfinity, double.NegativeInfinity] })
            {
                store.FinishTrial(store.CreateRunningTrial(pair).Id, TrialState.Complete, values);
            }
        }

        using var read = RunOptuna("read", Backend.OptunaUrl, "pair");
        var study = read.RootElement.GetProperty("pair");

        Assert.Equal(["MINIMIZE", "MAXIMIZE"], Strings(study.GetProperty("directions")));
        Assert.Equal(
            ["[1.0, 2.0]", "[0.5, 1.0]", "[2.0, 3.0]", "[1.5, 1.5]", "[\"Infinity\", \"-Infinity\"]"],
            study.GetProperty("trials").EnumerateArray().Select(t => Normalized(t.GetProperty("values"))));
        Assert.Equal([0, 1, 2], study.GetProperty("best_trials").EnumerateArray().Select(n => n.GetInt32()));
    }

    [Fact]
    public void Optuna_runs_a_trial_the_store_queued_and_the_store_reads_what_optuna_wrote()
    {
        long studyId;
        using (var store = Backend.Open())
        {
            studyId = store.CreateStudy("queue", [StudyDirection.Minimize]);
            var done = store.CreateRunningTrial(studyId);
            store.SetParameter(done.Id, LearningRate, 0.001);
            store.SetParameter(done.Id, Optimizer, "sgd");
            store.FinishTrial(done.Id, TrialState.Complete, [1.0]);
            store.EnqueueTrial(studyId, new Dictionary<string, object> { ["lr"] = 0.01, ["optimizer"] = "adamw", ["layers"] = 2L });
        }

        using var ran = RunOptuna("run-waiting", Backend.OptunaUrl, "queue");
        using var reopened = Backend.Open();
        var trial = reopened.Trials(studyId)[1];

        Assert.Equal(1, ran.RootElement.GetProperty("number").GetInt32());
        Assert.Equal((TrialState.Complete, 0.5), (trial.State, trial.Values![0]));
        Assert.Equal(new Dictionary<string, object> { ["lr"] = 0.01, ["optimizer"] = "adamw", ["layers"] = 2L }, trial.Parameters);
        Assert.Equal(LearningRate, trial.Distributions["lr"]);
        Assert.Equal(Layers, trial.Distributions["layers"]);
        Assert.Equal(Optimizer.Choices, Assert.IsType<CategoricalSpace>(trial.Distributions["optimizer"]).Choices);
        Assert.NotNull(trial.Started);
        Assert.NotNull(trial.Completed);
    }

    private static IEnumerable<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString());

    /// <summary>
    /// Python's json.dumps layout of an element with its keys sorted, to compare whole objects as
    /// text (Optuna hands parameters back in the order of its index, by name).
    /// </summary>
    private static string Normalized(JsonElement element) => OptunaJson.Write(Sorted(OptunaJson.Read(element)));

    private static object? Sorted(object? value) => value switch
    {
        Dictionary<string, object?> d => d.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => Sorted(p.Value)),
        List<object?> l => l.Select(Sorted).ToList(),
        _ => value,
    };

    /// <summary>Runs optuna_read_study.py with <paramref name="arguments"/> and returns what it printed.</summary>
    protected static JsonDocument RunOptuna(params string[] arguments)
    {
        // Optuna reaches PostgreSQL through psycopg2, a package of its own.
        var packages = arguments.Any(a => a.StartsWith("postgresql", StringComparison.Ordinal)) ? "python3-optuna python3-psycopg2" : "python3-optuna";
        if (!File.Exists(Python) || Run("-c", packages.Contains("psycopg2", StringComparison.Ordinal) ? "import optuna, psycopg2" : "import optuna").ExitCode != 0)
        {
            Assert.Fail(
                "These tests read the store with Optuna 3.1, which /usr/bin/python3 cannot import. " +
                $"Install Debian's {packages}: apt-get install {packages} (.ci/run does this).");
        }

        var (exitCode, output, errors) = Run([Script, .. arguments]);
        Assert.True(exitCode == 0, $"Optuna could not read the store ({string.Join(' ', arguments)}):\n{errors}");
        return JsonDocument.Parse(output);
    }

    /// <summary>Runs /usr/bin/python3 with <paramref name="arguments"/>.</summary>
    protected static (int ExitCode, string Output, string Errors) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Python) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) => errors.AppendLine(e.Data);
        process.BeginErrorReadLine();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, errors.ToString());
    }

    private static DateTime? Time(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? null : DateTime.Parse(element.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.None);

    /// <summary>One maximize study with a trial in every state; returns its trials as the store gave them.</summary>
    private List<StoredTrial> WriteVisionStudy()
    {
        using var store = Backend.Open();
        var study = store.CreateStudy("vision", [StudyDirection.Maximize]);
        store.SetStudyUserAttribute(study, "family", "\"cnn\"");

        var complete = store.CreateRunningTrial(study);
        object[] values = [0.00123, 0.0, 0.75, 3L, 64, "adam", 32L];
        for (var i = 0; i < Spaces.Length; i++)
        {
            store.SetParameter(complete.Id, Spaces[i], values[i]);
        }

        store.ReportIntermediate(complete.Id, 0, 0.5);
        store.ReportIntermediate(complete.Id, 1, double.NaN);
        store.ReportIntermediate(complete.Id, 2, double.PositiveInfinity);
        store.ReportIntermediate(complete.Id, 3, 0.8);
        store.SetTrialUserAttribute(complete.Id, "accuracy", "0.81");
        store.SetTrialUserAttribute(complete.Id, "note", "\"first\"");
        store.FinishTrial(complete.Id, TrialState.Complete, [0.81]);

        var best = store.CreateRunningTrial(study);
        store.SetParameter(best.Id, Optimizer, "sgd");
        store.SetParameter(best.Id, BatchSize, 64);
        store.FinishTrial(best.Id, TrialState.Complete, [0.9]);

        var pruned = store.CreateRunningTrial(study);
        store.ReportIntermediate(pruned.Id, 0, 0.3);
        store.ReportIntermediate(pruned.Id, 4, 0.35);
        store.FinishTrial(pruned.Id, TrialState.Pruned);

        var failed = store.CreateRunningTrial(study);
        store.FinishTrial(failed.Id, TrialState.Failed, failReason: "CUDA out of memory");

        var running = store.CreateRunningTrial(study);
        store.SetParameter(running.Id, Layers, 2L);

        store.EnqueueTrial(
            study,
            new Dictionary<string, object> { ["lr"] = 0.01, ["optimizer"] = "adamw", ["layers"] = 2L },
            new Dictionary<string, string> { ["source"] = "\"try\"" });
        return [.. store.Trials(study)];
    }
}
