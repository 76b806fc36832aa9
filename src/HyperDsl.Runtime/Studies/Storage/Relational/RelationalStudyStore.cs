using System.Collections.ObjectModel;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Studies.Storage.Relational;

/// <summary>
/// The study store over any relational database in Optuna's layout: the SQL is shared, the
/// differences live in a <see cref="SqlDialect"/>. It owns one connection, used by one thread at a
/// time; every method is one transaction, so it is atomic against other processes too.
/// </summary>
/// <remarks>
/// Where the dialect calls an error transient (a database server that cannot be reached or that
/// dropped the connection), an operation is tried again on a new connection, with the waits of a
/// <see cref="StoreRetryPolicy"/>. What is tried again, and why nothing committed is ever recorded twice:
/// <list type="bullet">
/// <item>Reads: always; they change nothing.</item>
/// <item>
/// Writes that failed before COMMIT was sent: always. Every write is one transaction, and a
/// transaction whose connection is lost before COMMIT is rolled back by the server, so the next
/// attempt starts from the same database.
/// </item>
/// <item>
/// Writes whose connection was lost during COMMIT, when the server may have committed them: only
/// those marked <see cref="Replay.Safe"/>, whose second run leaves the database as one run does:
/// upserts (parameters, intermediate values, attributes, heartbeats), <see cref="FinishTrial"/>
/// (which, replayed, finds the trial already in the state it asked for and says so),
/// <see cref="FailStaleTrials"/> (which, replayed, finds those trials failed already),
/// <see cref="CreateStudyVersion"/> (which finds its version by spec hash) and the schema
/// (created only where missing). The others (<see cref="CreateStudy"/>,
/// <see cref="CreateRunningTrial"/>, <see cref="EnqueueTrial"/>, <see cref="StartNextTrial"/>) would
/// make a second study or trial, or claim a second one: they throw a <see cref="StudyStoreException"/>
/// saying the outcome is unknown. A trial such a lost commit may have created or claimed is
/// running with a heartbeat that nobody renews, so <see cref="FailStaleTrials"/> fails it later.
/// </item>
/// </list>
/// </remarks>
public abstract class RelationalStudyStore : IStudyStore
{
    private const string FailReasonKey = "fail_reason";
    private const string FixedParamsKey = "fixed_params";
    private const string RetryOfKey = HyperDsl.Runtime.Studies.StudyAttributes.RetryOf;

    // A trial paused at a rung of a promoting ASHA stays RUNNING with no heartbeat: it is not stale (TrialRecovery.IsPaused).
    private const string PausedKey = HyperDsl.Runtime.Studies.StudyAttributes.PausedAtRung;

    private readonly DbConnection _connection;
    private readonly SqlDialect _dialect;
    private readonly TimeProvider _clock;
    private readonly TrialReader _reader;
    private readonly StoreRetryPolicy _retry;
    private readonly SchemaInstaller _installer;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, TrialCache> _trials = [];

    // Both never change once committed: a study's directions, and the first distribution a study recorded for a name.
    private readonly Dictionary<long, IReadOnlyList<StudyDirection>> _directions = [];
    private readonly Dictionary<(long Study, string Name), (ParameterSpace Space, string Json)> _recordedSpaces = [];
    private bool _disposed;

    // What the database had of the schema when last looked at; until it is complete, every operation looks again.
    private SchemaState _schema;

    // The connection learns the types a write created at the start of the next operation, outside
    // any transaction: done right after the commit, a lost connection would make Attempt run the
    // committed write again.
    private bool _typesCreated;

    // The connection is set up for writing (SQLite's WAL) after the first commit, so that a run that
    // commits nothing changes nothing; where that could not be done then, before the next operation.
    private bool _committed;
    private bool _preparedForWrites;

    // Set while a write transaction's COMMIT is under way: a connection lost then may or may not have committed it.
    private bool _committing;

    /// <summary>
    /// Takes over a connection (opening it if it is not open) and checks that its database is one
    /// the store may use (or refuses it), writing nothing: what the schema lacks is created by the
    /// first write (see <see cref="IStudyStore.Upgrade"/>). <paramref name="location"/> names the database
    /// in messages, so it holds no password.
    /// </summary>
    private protected RelationalStudyStore(DbConnection connection, SqlDialect dialect, string location, TimeProvider clock, StoreRetryPolicy retry)
    {
        _connection = connection;
        _dialect = dialect;
        _clock = clock;
        _retry = retry;
        _reader = new TrialReader(dialect);
        _installer = new SchemaInstaller(connection, dialect, location);
        Location = location;
        Attempt("open the database", Replay.Safe, _ => LookAtSchema());
    }

    /// <summary>Whether a write may run again after its connection was lost during COMMIT (see the remarks on the class).</summary>
    private enum Replay
    {
        /// <summary>Run again, it leaves the database as one run does.</summary>
        Safe,

        /// <summary>Run again, it could record a second study or trial, or claim a second trial.</summary>
        Unsafe,
    }

    /// <inheritdoc/>
    public string Location { get; }

    /// <inheritdoc/>
    public SchemaChange Upgrade() => Attempt("complete the schema", Replay.Safe, _ => InstallNow());

    /// <inheritdoc/>
    public void CheckWritable() => Attempt("check that the database can be written", Replay.Safe, _ =>
    {
        RefreshSchema();
        using var tx = _dialect.BeginWrite(_connection);
        try
        {
            // What the first write will do, then a write of the kind every trial makes, and all of it rolled back.
            if (!_schema.Complete)
            {
                _installer.Install(tx);
            }

            _connection.Execute("UPDATE trials SET number = number WHERE 1 = 0", transaction: tx);
        }
        catch (DbException e) when (!_dialect.IsTransient(e))
        {
            throw new StudyStoreException($"{Location} cannot be written ({e.Message}), so nothing was run.{_dialect.Advice(e)}", e);
        }

        tx.Rollback();
        return 0;
    });

    /// <inheritdoc/>
    public long? FindStudy(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Run("find a study", () => _schema.OptunaTables ? _connection.ExecuteScalar<long?>("SELECT study_id FROM studies WHERE study_name = @name", new { name }) : null);
    }

    /// <inheritdoc/>
    public long CreateStudy(string name, IReadOnlyList<StudyDirection> directions)
    {
        CheckStudyArguments(name, directions);
        return Write("create a study", Replay.Unsafe, tx => InsertStudy(tx, name, directions));
    }

    /// <inheritdoc/>
    public IReadOnlyList<StudySummary> Studies() => Run("list the studies", () =>
    {
        if (!_schema.OptunaTables)
        {
            return [];
        }

        using var tx = _dialect.BeginRead(_connection);
        var directions = _connection.Query<(long, string)>("SELECT study_id, direction FROM study_directions ORDER BY study_id, objective", transaction: tx)
            .GroupBy(d => d.Item1)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<StudyDirection>)[.. g.Select(d => OptunaEncoding.ParseDirection(d.Item2))]);
        return (IReadOnlyList<StudySummary>)[.. _connection.Query<(long, string, long)>(
                "SELECT s.study_id, s.study_name, (SELECT COUNT(*) FROM trials t WHERE t.study_id = s.study_id) FROM studies s ORDER BY s.study_id", transaction: tx)
            .Select(s => new StudySummary(s.Item1, s.Item2, directions.GetValueOrDefault(s.Item1, []), checked((int)s.Item3)))];
    });

    /// <inheritdoc/>
    public IReadOnlyList<StudyDirection> Directions(long studyId) => Run("read a study's directions", () =>
    {
        RequireOptunaTables(studyId);
        using var tx = _dialect.BeginRead(_connection);
        return DirectionsOf(tx, studyId);
    });

    /// <inheritdoc/>
    public IReadOnlyList<StudyVersion> StudyVersions(string experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        return Run("read the study versions", () =>
        {
            if (!_schema.HyperDslTables)
            {
                return [];
            }

            using var tx = _dialect.BeginRead(_connection);
            return ReadVersions(tx, "v.experiment = @experiment", new { experiment });
        });
    }

    /// <inheritdoc/>
    public StudyVersion CreateStudyVersion(string experiment, SpecRecord spec, IReadOnlyList<StudyDirection> directions)
    {
        ArgumentNullException.ThrowIfNull(spec);
        CheckStudyArguments(experiment, directions);
        return Write("create a study version", Replay.Safe, tx =>
        {
            // Two workers starting the same new spec at once: the second waits, then finds the first's version.
            _dialect.Serialize(_connection, tx, "study version " + experiment);
            var same = ReadVersions(tx, "v.experiment = @experiment AND v.spec_hash = @Hash", new { experiment, spec.Hash });
            if (same.Count > 0)
            {
                return same[0];
            }

            var version = checked((int)_connection.ExecuteScalar<long>(
                $"SELECT COALESCE(MAX(version), 0) + 1 FROM {OptunaSchema.StudyVersionsTable} WHERE experiment = @experiment", new { experiment }, tx));
            var name = version == 1 ? experiment : $"{experiment}@v{version}";
            if (_connection.ExecuteScalar<long?>("SELECT study_id FROM studies WHERE study_name = @name", new { name }, tx) is not null)
            {
                throw new StudyStoreException(
                    $"{Location} already has a study named '{name}' that HyperDsl did not record as version {version} of '{experiment}' (it was made by Optuna or by hand). " +
                    "Give the experiment another study name, or use another store.");
            }

            var studyId = InsertStudy(tx, name, directions);
            var created = LocalNow();
            _connection.Execute(
                $"INSERT INTO {OptunaSchema.StudyVersionsTable} (study_id, experiment, version, spec_hash, spec_path, spec_text, compiler_version, created) " +
                "VALUES (@studyId, @experiment, @version, @Hash, @Path, @Text, @CompilerVersion, @created)",
                new { studyId, experiment, version, spec.Hash, spec.Path, spec.Text, spec.CompilerVersion, created = _dialect.Time(created) },
                tx);
            return new StudyVersion(studyId, name, experiment, version, spec, created);
        });
    }

    /// <inheritdoc/>
    public void SetStudyUserAttribute(long studyId, string key, string valueJson) => SetStudyAttribute("study_user_attributes", studyId, key, valueJson);

    /// <inheritdoc/>
    public void SetStudySystemAttribute(long studyId, string key, string valueJson) => SetStudyAttribute("study_system_attributes", studyId, key, valueJson);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> StudyUserAttributes(long studyId) => StudyAttributes("study_user_attributes", studyId);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> StudySystemAttributes(long studyId) => StudyAttributes("study_system_attributes", studyId);

    /// <inheritdoc/>
    public StoredTrial CreateRunningTrial(long studyId) => Write("start a trial", Replay.Unsafe, tx =>
    {
        RequireStudy(tx, studyId, lockStudy: true);
        return InsertRunningTrial(tx, studyId);
    });

    /// <inheritdoc/>
    public StoredTrial EnqueueTrial(long studyId, IReadOnlyDictionary<string, object> fixedParameters, IReadOnlyDictionary<string, string>? userAttributes = null)
    {
        ArgumentNullException.ThrowIfNull(fixedParameters);
        var fixedJson = OptunaJson.Write(fixedParameters.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal));
        var user = new Dictionary<string, string>(userAttributes ?? Empty<string, string>(), StringComparer.Ordinal);
        foreach (var (key, json) in user)
        {
            CheckJson(key, json);
        }

        return Write("queue a trial", Replay.Unsafe, tx =>
        {
            RequireStudy(tx, studyId, lockStudy: true);
            var (id, number) = InsertWaitingTrial(tx, studyId, fixedJson, user);

            var system = new Dictionary<string, string>(StringComparer.Ordinal) { [FixedParamsKey] = fixedJson };
            return new StoredTrial(id, number, TrialState.Waiting, null, Empty<string, object>(), Empty<string, ParameterSpace>(), Empty<int, double>(), null, null, user.AsReadOnly(), system.AsReadOnly());
        });
    }

    /// <inheritdoc/>
    public bool EnqueueTrialsOnce(long studyId, string marker, IReadOnlyList<(IReadOnlyDictionary<string, object> FixedParameters, IReadOnlyDictionary<string, string>? UserAttributes)> trials)
    {
        ArgumentException.ThrowIfNullOrEmpty(marker);
        ArgumentNullException.ThrowIfNull(trials);
        var queued = trials.Select(t => (Fixed: OptunaJson.Write(t.FixedParameters.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal)), User: t.UserAttributes ?? Empty<string, string>())).ToList();
        foreach (var (key, json) in queued.SelectMany(q => q.User))
        {
            CheckJson(key, json);
        }

        // The marker and the trials commit together, so a repeated run (after a lost COMMIT) finds the marker and queues nothing.
        return Write("queue trials once", Replay.Safe, tx =>
        {
            RequireStudy(tx, studyId, lockStudy: true);
            var inserted = _connection.Execute(
                "INSERT INTO study_system_attributes (study_id, \"key\", value_json) VALUES (@studyId, @marker, 'true') ON CONFLICT (study_id, \"key\") DO NOTHING",
                new { studyId, marker },
                tx);
            if (inserted == 0)
            {
                return false;
            }

            foreach (var (fixedJson, user) in queued)
            {
                InsertWaitingTrial(tx, studyId, fixedJson, user);
            }

            return true;
        });
    }

    /// <inheritdoc/>
    public NextTrial StartNextTrial(long studyId, int? budget, bool create) => Write("start the next trial", Replay.Unsafe, tx =>
    {
        // The study's row is held from the count to the start, so two workers cannot both take the
        // last place in the budget (SQLite holds its write lock anyway). Only claiming, a worker
        // locks just the trial it takes, passing over those others are taking.
        RequireStudy(tx, studyId, lockStudy: budget is not null || create);
        if (budget is { } limit && CountingTrials(tx, studyId) >= limit)
        {
            return new NextTrial(null, WasWaiting: false, BudgetReached: true);
        }

        if (ClaimOldestWaiting(tx, studyId) is { } claimed)
        {
            return new NextTrial(claimed, WasWaiting: true, BudgetReached: false);
        }

        return new NextTrial(create ? InsertRunningTrial(tx, studyId) : null, WasWaiting: false, BudgetReached: false);
    });

    private StoredTrial InsertRunningTrial(DbTransaction tx, long studyId)
    {
        var started = LocalNow();
        var (id, number) = InsertTrial(tx, studyId, TrialState.Running, started);
        Heartbeat(tx, id);
        return new StoredTrial(id, number, TrialState.Running, null, Empty<string, object>(), Empty<string, ParameterSpace>(), Empty<int, double>(), started, null, Empty<string, string>(), Empty<string, string>());
    }

    private StoredTrial? ClaimOldestWaiting(DbTransaction tx, long studyId)
    {
        var id = _connection.ExecuteScalar<long?>(
            $"SELECT trial_id FROM trials WHERE study_id = @studyId AND state = 'WAITING' ORDER BY trial_id LIMIT 1{_dialect.LockRowsSkipLocked}", new { studyId }, tx);
        if (id is null)
        {
            return null;
        }

        _connection.Execute(
            "UPDATE trials SET state = 'RUNNING', datetime_start = @start WHERE trial_id = @id AND state = 'WAITING'", new { id, start = _dialect.Time(LocalNow()) }, tx);
        Heartbeat(tx, id.Value);
        return _reader.Load(_connection, tx, studyId, long.MaxValue, [id.Value]).Single();
    }

    // The trials that count toward a budget (IStudyStore.StartNextTrial says which). The retry's
    // attribute holds the failed trial's number as JSON, which for an integer is its plain text.
    private long CountingTrials(DbTransaction tx, long studyId) => _connection.ExecuteScalar<long>(
        "SELECT COUNT(*) FROM trials t WHERE t.study_id = @studyId AND t.state <> 'WAITING' AND NOT (t.state = 'FAIL' AND (" +
        "NOT EXISTS (SELECT 1 FROM trial_params p WHERE p.trial_id = t.trial_id) OR EXISTS (" +
        "SELECT 1 FROM trial_user_attributes a JOIN trials r ON r.trial_id = a.trial_id " +
        "WHERE r.study_id = @studyId AND a.\"key\" = @retryKey AND a.value_json = CAST(t.number AS TEXT))))",
        new { studyId, retryKey = RetryOfKey },
        tx);

    /// <inheritdoc/>
    public void SetParameter(long trialId, ParameterSpace distribution, object value)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        var json = OptunaDistributions.ToJson(distribution);
        var stored = OptunaDistributions.ToInternal(distribution, value);
        Write("record a parameter", Replay.Safe, tx =>
        {
            var studyId = RequireUpdatableTrial(tx, trialId);
            CheckCompatible(tx, studyId, distribution, json);
            return _connection.Execute(
                "INSERT INTO trial_params (trial_id, param_name, param_value, distribution_json) VALUES (@trialId, @Name, @stored, @json) " +
                "ON CONFLICT (trial_id, param_name) DO UPDATE SET param_value = excluded.param_value, distribution_json = excluded.distribution_json",
                new { trialId, distribution.Name, stored, json },
                tx);
        });
    }

    /// <inheritdoc/>
    public void ReportIntermediate(long trialId, int step, double value)
    {
        var (stored, type) = OptunaEncoding.Intermediate(value);
        Write("record an intermediate value", Replay.Safe, tx =>
        {
            RequireUpdatableTrial(tx, trialId);
            return _connection.Execute(
                "INSERT INTO trial_intermediate_values (trial_id, step, intermediate_value, intermediate_value_type) " +
                $"VALUES (@trialId, @step, @stored, {_dialect.Enum("@type", "trialintermediatevaluetype")}) " +
                "ON CONFLICT (trial_id, step) DO UPDATE SET intermediate_value = excluded.intermediate_value, intermediate_value_type = excluded.intermediate_value_type",
                new { trialId, step, stored, type },
                tx);
        });
    }

    /// <inheritdoc/>
    public void SetTrialUserAttribute(long trialId, string key, string valueJson) => SetTrialAttribute("trial_user_attributes", trialId, key, valueJson);

    /// <inheritdoc/>
    public void SetTrialSystemAttribute(long trialId, string key, string valueJson) => SetTrialAttribute("trial_system_attributes", trialId, key, valueJson);

    /// <inheritdoc/>
    public void RecordHeartbeat(long trialId) => Write("record a heartbeat", Replay.Safe, tx =>
    {
        TrialRow(tx, trialId);
        Heartbeat(tx, trialId);
        return 0;
    });

    /// <inheritdoc/>
    public bool ClaimPausedTrial(long trialId) => Write("resume a paused trial", Replay.Unsafe, tx =>
    {
        // The row update is the claim: of two workers taking the same trial at once, one changes it and the other finds it null.
        var claimed = _connection.Execute(
            "UPDATE trial_system_attributes SET value_json = 'null' WHERE trial_id = @trialId AND \"key\" = @pausedKey AND value_json <> 'null' " +
            "AND EXISTS (SELECT 1 FROM trials t WHERE t.trial_id = @trialId AND t.state = 'RUNNING')",
            new { trialId, pausedKey = PausedKey },
            tx) == 1;
        if (claimed)
        {
            Heartbeat(tx, trialId);
        }

        return claimed;
    });

    /// <inheritdoc/>
    public bool FinishTrial(long trialId, TrialState state, IReadOnlyList<double>? values = null, string? failReason = null)
    {
        CheckFinishArguments(state, values, failReason);
        return Write("finish a trial", Replay.Safe, (tx, mayHaveCommitted) =>
        {
            var row = TrialRow(tx, trialId);
            if (row.State != TrialState.Running)
            {
                // Run again after a lost COMMIT, this call's first run is what ended the trial when it has the state asked for.
                return mayHaveCommitted && row.State == state;
            }

            var directions = DirectionsOf(tx, row.StudyId);
            if (state == TrialState.Complete && values!.Count != directions.Count)
            {
                throw new ArgumentException($"The study has {directions.Count} objective(s), but {values.Count} value(s) were given.", nameof(values));
            }

            if (state == TrialState.Pruned)
            {
                values = PrunedValue(tx, trialId, directions.Count);
            }

            for (var objective = 0; values is not null && objective < values.Count; objective++)
            {
                var (value, type) = OptunaEncoding.Value(values[objective]);
                _connection.Execute(
                    $"INSERT INTO trial_values (trial_id, objective, value, value_type) VALUES (@trialId, @objective, @value, {_dialect.Enum("@type", "trialvaluetype")}) " +
                    "ON CONFLICT (trial_id, objective) DO UPDATE SET value = excluded.value, value_type = excluded.value_type",
                    new { trialId, objective, value, type },
                    tx);
            }

            End(tx, trialId, state, failReason);
            return true;
        });
    }

    /// <inheritdoc/>
    public IReadOnlyList<StoredTrial> FailStaleTrials(long studyId, TimeSpan staleAfter, string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return Write("fail stale trials", Replay.Safe, tx =>
        {
            // Only the study row is locked: ending a trial re-checks that it is still running.
            RequireStudy(tx, studyId, lockStudy: true);

            // Heartbeats are judged by the clock they were written with: the server's where the
            // dialect has one (so machines whose clocks disagree agree on what is stale), else the store's.
            var oldestHeartbeat = HeartbeatNow(tx) - staleAfter;
            var oldestStart = _clock.GetUtcNow().UtcDateTime - staleAfter;
            var stale = _connection.Query<(long, object?, object?)>(
                    "SELECT t.trial_id, t.datetime_start, h.heartbeat FROM trials t LEFT JOIN trial_heartbeats h ON h.trial_id = t.trial_id " +
                    "WHERE t.study_id = @studyId AND t.state = 'RUNNING' AND NOT EXISTS (" +
                    "SELECT 1 FROM trial_system_attributes a WHERE a.trial_id = t.trial_id AND a.\"key\" = @pausedKey AND a.value_json <> 'null')",
                    new { studyId, pausedKey = PausedKey },
                    tx)
                .Where(r => IsStale(r.Item2, r.Item3, oldestHeartbeat, oldestStart))
                .Select(r => r.Item1)
                .ToList();
            if (stale.Count == 0)
            {
                return (IReadOnlyList<StoredTrial>)[];
            }

            // A trial its worker finished meanwhile stays as it was (End changes only running trials).
            return [.. _reader.Load(_connection, tx, studyId, long.MaxValue, stale).Where(trial => End(tx, trial.Id, TrialState.Failed, reason))];
        });
    }

    /// <inheritdoc/>
    public IReadOnlyList<StoredTrial> Trials(long studyId) => Run("read the trials", () =>
    {
        RequireOptunaTables(studyId);
        var known = _trials.TryGetValue(studyId, out var cache);
        cache ??= new TrialCache();
        var asked = cache.UnfinishedIds;
        List<StoredTrial> loaded;
        using (var tx = _dialect.BeginRead(_connection))
        {
            loaded = _reader.Load(_connection, tx, studyId, cache.LastTrialId, asked);
            if (!known && loaded.Count == 0)
            {
                RequireStudy(tx, studyId);
            }

            tx.Commit();
        }

        _trials[studyId] = cache;
        return cache.Update(asked, loaded);
    });

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _disposed = true;
                _connection.Dispose();
            }
        }

        GC.SuppressFinalize(this);
    }

    private static IReadOnlyDictionary<TKey, TValue> Empty<TKey, TValue>()
        where TKey : notnull => ReadOnlyDictionary<TKey, TValue>.Empty;

    private static void CheckStudyArguments(string name, IReadOnlyList<StudyDirection> directions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(directions);
        if (directions.Count == 0)
        {
            throw new ArgumentException("A study needs at least one objective direction.", nameof(directions));
        }

        if (name.Length > 512)
        {
            throw new ArgumentException("Optuna keeps study names to 512 characters.", nameof(name));
        }
    }

    private static void CheckFinishArguments(TrialState state, IReadOnlyList<double>? values, string? failReason)
    {
        if (!OptunaEncoding.IsFinished(state))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "A trial finishes as Complete, Pruned or Failed.");
        }

        if (state == TrialState.Complete && (values is null || values.Count == 0))
        {
            throw new ArgumentException("A complete trial needs its value(s).", nameof(values));
        }

        if (state == TrialState.Complete && values!.Any(double.IsNaN))
        {
            throw new ArgumentException("NaN is not a trial value: fail the trial instead (Optuna fails a trial whose value is NaN).", nameof(values));
        }

        if (state != TrialState.Complete && values is not null)
        {
            throw new ArgumentException($"A {state} trial takes no values (a pruned trial's value is its last intermediate value).", nameof(values));
        }

        if (state != TrialState.Failed && failReason is not null)
        {
            throw new ArgumentException("Only a failed trial has a fail reason.", nameof(failReason));
        }
    }

    private static void CheckJson(string key, string json)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(json);
        if (!OptunaJson.IsValid(json))
        {
            throw new ArgumentException($"The value of attribute '{key}' is not JSON: {json}", nameof(json));
        }
    }

    /// <summary>A read: tried again whenever the connection is lost. It sees the schema as it is now (another process may have completed it).</summary>
    private T Run<T>(string action, Func<T> body) => Attempt(action, Replay.Safe, _ =>
    {
        RefreshSchema();
        return body();
    });

    /// <summary>
    /// Runs <paramref name="body"/> under the store's lock, again on a new connection while its
    /// failure is transient and the retry policy leaves time (see the remarks on the class). The
    /// body is told whether an earlier attempt may have committed.
    /// </summary>
    private T Attempt<T>(string action, Replay replay, Func<bool, T> body)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var budget = new RetryBudget(_retry);
            var mayHaveCommitted = false;
            while (true)
            {
                _committing = false;
                try
                {
                    if (_connection.State != ConnectionState.Open)
                    {
                        _connection.Open();
                    }

                    AfterCommits();
                    return body(mayHaveCommitted);
                }
                catch (DbException e) when (_dialect.IsTransient(e))
                {
                    if (_committing && replay == Replay.Unsafe)
                    {
                        throw new StudyStoreException(
                            $"Lost the connection to {Location} while committing (to {action}), so it is unknown whether that was recorded; " +
                            $"HyperDsl does not try it again, which could record it twice ({e.Message}).",
                            e)
                        {
                            OutcomeUnknown = true,
                        };
                    }

                    mayHaveCommitted |= _committing;
                    if (budget.NextDelay() is not { } delay)
                    {
                        throw new StudyStoreException(
                            $"Could not {action}: the database {Location} could not be reached for {budget.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s ({e.Message}).", e);
                    }

                    // The next attempt opens a new connection: this one may be broken even where it does not say so.
                    _connection.Close();
                    Thread.Sleep(delay);
                }
                catch (DbException e)
                {
                    throw new StudyStoreException($"Could not {action} in {Location}: {e.Message}{_dialect.Advice(e)}", e);
                }
                catch (Exception e) when (e is FormatException or JsonException or OverflowException or KeyNotFoundException)
                {
                    throw new StudyStoreException($"Could not {action}: {Location} holds data HyperDsl cannot read ({e.Message}).", e);
                }
            }
        }
    }

    private T Write<T>(string action, Replay replay, Func<DbTransaction, T> body) => Write(action, replay, (tx, _) => body(tx));

    /// <summary>
    /// A write, in one transaction. Until the schema is complete, the transaction first creates what
    /// it lacks, so that the tables are committed with the first change, or rolled back with it.
    /// </summary>
    private T Write<T>(string action, Replay replay, Func<DbTransaction, bool, T> body) => Attempt(action, replay, mayHaveCommitted =>
    {
        RefreshSchema();
        if (!_schema.OptunaTables)
        {
            // An empty database holds nothing a refused write could leave changed: it gets its tables
            // first, committed, so that the write reads them (PostgreSQL's enum types) as any other.
            InstallNow();
        }

        var installing = !_schema.Complete;
        T result;
        using (var tx = _dialect.BeginWrite(_connection))
        {
            if (installing)
            {
                _installer.Install(tx);
            }

            result = body(tx, mayHaveCommitted);
            Commit(tx);
        }

        if (installing)
        {
            _schema = new SchemaState(OptunaTables: true, HyperDslTables: true, Complete: true);
            _typesCreated = true;
        }

        Committed();
        return result;
    });

    /// <summary>
    /// Creates what the schema lacks in a transaction of its own, and lets the connection learn the
    /// types it created; says what it did. Creating only what is missing, it may run again after a
    /// lost COMMIT (and then finds nothing to do); it is no part of a write's own commit.
    /// </summary>
    private SchemaChange InstallNow()
    {
        SchemaChange change;
        using (var tx = _dialect.BeginWrite(_connection))
        {
            change = _installer.Install(tx);
            tx.Commit();
        }

        _schema = new SchemaState(OptunaTables: true, HyperDslTables: true, Complete: true);
        Committed();
        _dialect.SchemaReady(_connection);
        return change;
    }

    private void Committed()
    {
        _committed = true;
        _preparedForWrites = _preparedForWrites || _dialect.PrepareForWrites(_connection);
    }

    /// <summary>What the last commits left to do (see <see cref="_typesCreated"/>), before an operation starts.</summary>
    private void AfterCommits()
    {
        if (_typesCreated)
        {
            _dialect.SchemaReady(_connection);
            _typesCreated = false;
        }

        if (_committed && !_preparedForWrites)
        {
            _preparedForWrites = _dialect.PrepareForWrites(_connection);
        }
    }

    private void Commit(DbTransaction tx)
    {
        _committing = true;
        tx.Commit();
        _committing = false;
    }

    /// <summary>Looks at the schema (refusing a database the store may not use); returns 0, for <see cref="Attempt"/>.</summary>
    private int LookAtSchema()
    {
        var now = _installer.Inspect();

        // Npgsql learns a database's types when it connects, and keeps them: it may have learnt them before Optuna's enum types existed.
        if (now.OptunaTables && now != _schema)
        {
            _dialect.SchemaReady(_connection);
        }

        _schema = now;
        return 0;
    }

    private void RefreshSchema()
    {
        if (!_schema.Complete)
        {
            LookAtSchema();
        }
    }

    /// <summary>In a database without Optuna's tables (a new one) there is no study.</summary>
    private void RequireOptunaTables(long studyId)
    {
        if (!_schema.OptunaTables)
        {
            throw new StudyStoreException($"There is no study {studyId} in {Location}.");
        }
    }

    private DateTime LocalNow() => OptunaDateTime.ToMicroseconds(_clock.GetLocalNow().DateTime);

    /// <summary>
    /// Checks that the study exists; with <paramref name="lockStudy"/>, also holds its row until the
    /// transaction ends, as Optuna does to number trials (its workers and ours then take turns).
    /// </summary>
    private void RequireStudy(DbTransaction tx, long studyId, bool lockStudy = false)
    {
        var lockRows = lockStudy ? _dialect.LockRows : "";
        if (_connection.ExecuteScalar<long?>($"SELECT study_id FROM studies WHERE study_id = @studyId{lockRows}", new { studyId }, tx) is null)
        {
            throw new StudyStoreException($"There is no study {studyId} in {Location}.");
        }
    }

    private (long StudyId, int Number, TrialState State) TrialRow(DbTransaction tx, long trialId)
    {
        var rows = _connection.Query<(long, long?, string)>($"SELECT study_id, number, state FROM trials WHERE trial_id = @trialId{_dialect.LockRows}", new { trialId }, tx).ToList();
        return rows.Count == 1
            ? (rows[0].Item1, checked((int)(rows[0].Item2 ?? -1)), OptunaEncoding.ParseState(rows[0].Item3))
            : throw new StudyStoreException($"There is no trial {trialId} in {Location}.");
    }

    /// <summary>The trial's study; like Optuna, refuses to change a finished trial (which is also what lets finished trials be cached).</summary>
    private long RequireUpdatableTrial(DbTransaction tx, long trialId)
    {
        var row = TrialRow(tx, trialId);
        return OptunaEncoding.IsFinished(row.State)
            ? throw new StudyStoreException($"Trial {row.Number} (id {trialId}) in {Location} is already {OptunaEncoding.State(row.State)}; a finished trial cannot change.")
            : row.StudyId;
    }

    private IReadOnlyList<StudyDirection> DirectionsOf(DbTransaction tx, long studyId)
    {
        if (_directions.TryGetValue(studyId, out var known))
        {
            return known;
        }

        IReadOnlyList<StudyDirection> directions = [.. _connection.Query<string>(
            "SELECT direction FROM study_directions WHERE study_id = @studyId ORDER BY objective", new { studyId }, tx).Select(OptunaEncoding.ParseDirection)];
        if (directions.Count == 0)
        {
            RequireStudy(tx, studyId);
            return directions;
        }

        _directions[studyId] = directions;
        return directions;
    }

    private long InsertStudy(DbTransaction tx, string name, IReadOnlyList<StudyDirection> directions)
    {
        long studyId;
        try
        {
            studyId = _connection.ExecuteScalar<long>("INSERT INTO studies (study_name) VALUES (@name) RETURNING study_id", new { name }, tx);
        }
        catch (DbException e) when (_dialect.IsUniqueViolation(e))
        {
            throw new StudyStoreException($"A study named '{name}' already exists in {Location}.", e);
        }

        for (var objective = 0; objective < directions.Count; objective++)
        {
            _connection.Execute(
                $"INSERT INTO study_directions (direction, study_id, objective) VALUES ({_dialect.Enum("@direction", "studydirection")}, @studyId, @objective)",
                new { direction = OptunaEncoding.Direction(directions[objective]), studyId, objective },
                tx);
        }

        return studyId;
    }

    /// <summary>
    /// A new trial numbered as Optuna numbers it: by how many trials the study had before it. The
    /// caller holds the study's row (or the database's write lock), so the count cannot race another
    /// writer; and the count is a statement of its own, which sees what the writer before committed.
    /// </summary>
    private (long Id, int Number) InsertTrial(DbTransaction tx, long studyId, TrialState state, DateTime? started)
    {
        var (id, number) = _connection.QuerySingle<(long, long)>(
            "INSERT INTO trials (number, study_id, state, datetime_start, datetime_complete) " +
            $"VALUES ((SELECT COUNT(*) FROM trials WHERE study_id = @studyId), @studyId, {_dialect.Enum("@state", "trialstate")}, @start, NULL) RETURNING trial_id, number",
            new { studyId, state = OptunaEncoding.State(state), start = started is { } s ? _dialect.Time(s) : null },
            tx);
        return (id, checked((int)number));
    }

    private void Heartbeat(DbTransaction tx, long trialId) => _connection.Execute(
        $"INSERT INTO trial_heartbeats (trial_id, heartbeat) VALUES (@trialId, {_dialect.HeartbeatClock ?? "@now"}) ON CONFLICT (trial_id) DO UPDATE SET heartbeat = excluded.heartbeat",
        new { trialId, now = _dialect.HeartbeatTime(_clock.GetUtcNow().UtcDateTime) },
        tx);

    /// <summary>Now, on the clock heartbeats are written with.</summary>
    private DateTime HeartbeatNow(DbTransaction tx) => _dialect.HeartbeatClock is { } clock
        ? _dialect.ReadTime(_connection.ExecuteScalar<object>($"SELECT {clock}", transaction: tx) ?? throw new FormatException("The database gave no time."))
        : _clock.GetUtcNow().UtcDateTime;

    /// <summary>Ends the trial if it is still running; returns whether it was.</summary>
    private bool End(DbTransaction tx, long trialId, TrialState state, string? failReason)
    {
        var ended = _connection.Execute(
            $"UPDATE trials SET state = {_dialect.Enum("@state", "trialstate")}, datetime_complete = @now WHERE trial_id = @trialId AND state = 'RUNNING'",
            new { trialId, state = OptunaEncoding.State(state), now = _dialect.Time(LocalNow()) },
            tx) == 1;
        if (ended && failReason is not null)
        {
            SetAttribute(tx, "trial_system_attributes", "trial_id", trialId, FailReasonKey, OptunaJson.Write(failReason));
        }

        return ended;
    }

    /// <summary>Optuna's rule: a pruned trial takes its last intermediate value, when there is one objective and the value is not NaN.</summary>
    private double[]? PrunedValue(DbTransaction tx, long trialId, int objectives)
    {
        var last = _connection.Query<(double?, string)>(
            "SELECT intermediate_value, intermediate_value_type FROM trial_intermediate_values WHERE trial_id = @trialId ORDER BY step DESC LIMIT 1", new { trialId }, tx).ToList();
        if (last.Count == 0 || objectives != 1)
        {
            return null;
        }

        var value = OptunaEncoding.ParseValue(last[0].Item1, last[0].Item2);
        return double.IsNaN(value) ? null : [value];
    }

    /// <summary>Optuna's rule for a parameter a study already has: the same kind, log scale and choices as the first one recorded.</summary>
    private void CheckCompatible(DbTransaction tx, long studyId, ParameterSpace space, string json)
    {
        if (!_recordedSpaces.TryGetValue((studyId, space.Name), out var recorded))
        {
            var recordedJson = _connection.ExecuteScalar<string?>(
                "SELECT p.distribution_json FROM trial_params p JOIN trials t ON t.trial_id = p.trial_id WHERE t.study_id = @studyId AND p.param_name = @Name LIMIT 1",
                new { studyId, space.Name },
                tx);
            if (recordedJson is null)
            {
                return;
            }

            recorded = (OptunaDistributions.FromJson(space.Name, recordedJson), recordedJson);
            _recordedSpaces[(studyId, space.Name)] = recorded;
        }

        if (recorded.Json != json)
        {
            OptunaDistributions.CheckCompatible(recorded.Space, space);
        }
    }

    /// <summary>
    /// Whether a running trial's last heartbeat is before <paramref name="oldestHeartbeat"/> or,
    /// without one, its start (local time, on the store's clock) is before <paramref name="oldestStart"/> (UTC).
    /// </summary>
    private bool IsStale(object? start, object? heartbeat, DateTime oldestHeartbeat, DateTime oldestStart)
    {
        if (heartbeat is not (null or DBNull))
        {
            return _dialect.ReadTime(heartbeat) < oldestHeartbeat;
        }

        if (start is null or DBNull)
        {
            return false;
        }

        var local = _dialect.ReadTime(start);
        return local - _clock.LocalTimeZone.GetUtcOffset(local) < oldestStart;
    }

    private void SetStudyAttribute(string table, long studyId, string key, string valueJson)
    {
        CheckJson(key, valueJson);
        Write("set a study attribute", Replay.Safe, tx =>
        {
            RequireStudy(tx, studyId);
            SetAttribute(tx, table, "study_id", studyId, key, valueJson);
            return 0;
        });
    }

    private void SetTrialAttribute(string table, long trialId, string key, string valueJson)
    {
        CheckJson(key, valueJson);
        Write("set a trial attribute", Replay.Safe, tx =>
        {
            RequireUpdatableTrial(tx, trialId);
            SetAttribute(tx, table, "trial_id", trialId, key, valueJson);
            return 0;
        });
    }

    // A queued trial as Optuna's enqueue_trial writes it: WAITING, its values in the fixed_params system attribute.
    private (long Id, int Number) InsertWaitingTrial(DbTransaction tx, long studyId, string fixedJson, IReadOnlyDictionary<string, string> user)
    {
        var (id, number) = InsertTrial(tx, studyId, TrialState.Waiting, null);
        SetAttribute(tx, "trial_system_attributes", "trial_id", id, FixedParamsKey, fixedJson);
        foreach (var (key, json) in user)
        {
            SetAttribute(tx, "trial_user_attributes", "trial_id", id, key, json);
        }

        return (id, number);
    }

    private void SetAttribute(DbTransaction tx, string table, string owner, long ownerId, string key, string json) => _connection.Execute(
        $"INSERT INTO {table} ({owner}, \"key\", value_json) VALUES (@ownerId, @key, @json) ON CONFLICT ({owner}, \"key\") DO UPDATE SET value_json = excluded.value_json",
        new { ownerId, key, json },
        tx);

    private IReadOnlyDictionary<string, string> StudyAttributes(string table, long studyId) => Run("read study attributes", () =>
    {
        RequireOptunaTables(studyId);
        using var tx = _dialect.BeginRead(_connection);
        var attributes = _connection.Query<(string, string)>($"SELECT \"key\", value_json FROM {table} WHERE study_id = @studyId", new { studyId }, tx)
            .ToDictionary(a => a.Item1, a => a.Item2, StringComparer.Ordinal);
        if (attributes.Count == 0)
        {
            RequireStudy(tx, studyId);
        }

        return (IReadOnlyDictionary<string, string>)attributes.AsReadOnly();
    });

    private List<StudyVersion> ReadVersions(DbTransaction tx, string condition, object args)
    {
        var versions = new List<StudyVersion>();
        using var reader = _connection.ExecuteReader(
            "SELECT v.study_id, s.study_name, v.experiment, v.version, v.spec_hash, v.spec_path, v.spec_text, v.compiler_version, v.created " +
            $"FROM {OptunaSchema.StudyVersionsTable} v JOIN studies s ON s.study_id = v.study_id WHERE {condition} ORDER BY v.version",
            args,
            tx);
        while (reader.Read())
        {
            var spec = new SpecRecord(reader.GetString(4), Text(reader, 5), Text(reader, 6), Text(reader, 7));
            var created = reader.IsDBNull(8) ? default : _dialect.ReadTime(reader.GetValue(8));
            versions.Add(new StudyVersion(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), checked((int)reader.GetInt64(3)), spec, created));
        }

        return versions;

        static string Text(IDataReader reader, int column) => reader.IsDBNull(column) ? "" : reader.GetString(column);
    }
}
