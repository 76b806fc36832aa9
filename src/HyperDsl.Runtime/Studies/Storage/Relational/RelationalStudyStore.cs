using System.Collections.ObjectModel;
using System.Data;
using System.Data.Common;
using System.Text.Json;
using Dapper;
using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Studies.Storage.Relational;

/// <summary>
/// The study store over any relational database in Optuna's layout: the SQL is shared, the
/// differences live in a <see cref="SqlDialect"/>. It owns one connection, used by one thread at a
/// time; every method is one transaction, so it is atomic against other processes too.
/// </summary>
internal sealed class RelationalStudyStore : IStudyStore
{
    private const string FailReasonKey = "fail_reason";
    private const string FixedParamsKey = "fixed_params";

    private readonly DbConnection _connection;
    private readonly SqlDialect _dialect;
    private readonly TimeProvider _clock;
    private readonly TrialReader _reader;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, TrialCache> _trials = [];

    // Both never change once committed: a study's directions, and the first distribution a study recorded for a name.
    private readonly Dictionary<long, IReadOnlyList<StudyDirection>> _directions = [];
    private readonly Dictionary<(long Study, string Name), (ParameterSpace Space, string Json)> _recordedSpaces = [];
    private bool _disposed;

    /// <summary>Takes over an open connection and makes its database ready (or refuses it).</summary>
    public RelationalStudyStore(DbConnection connection, SqlDialect dialect, string location, TimeProvider clock)
    {
        _connection = connection;
        _dialect = dialect;
        _clock = clock;
        _reader = new TrialReader(dialect);
        Location = location;
        Run("prepare the database", () =>
        {
            new SchemaInstaller(connection, dialect, location).Install();
            return 0;
        });
    }

    public string Location { get; }

    public long? FindStudy(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Run("find a study", () => _connection.ExecuteScalar<long?>("SELECT study_id FROM studies WHERE study_name = @name", new { name }));
    }

    public long CreateStudy(string name, IReadOnlyList<StudyDirection> directions)
    {
        CheckStudyArguments(name, directions);
        return Write("create a study", tx => InsertStudy(tx, name, directions));
    }

    public IReadOnlyList<StudySummary> Studies() => Run("list the studies", () =>
    {
        using var tx = _dialect.BeginRead(_connection);
        var directions = _connection.Query<(long, string)>("SELECT study_id, direction FROM study_directions ORDER BY study_id, objective", transaction: tx)
            .GroupBy(d => d.Item1)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<StudyDirection>)[.. g.Select(d => OptunaEncoding.ParseDirection(d.Item2))]);
        return (IReadOnlyList<StudySummary>)[.. _connection.Query<(long, string, long)>(
                "SELECT s.study_id, s.study_name, (SELECT COUNT(*) FROM trials t WHERE t.study_id = s.study_id) FROM studies s ORDER BY s.study_id", transaction: tx)
            .Select(s => new StudySummary(s.Item1, s.Item2, directions.GetValueOrDefault(s.Item1, []), checked((int)s.Item3)))];
    });

    public IReadOnlyList<StudyDirection> Directions(long studyId) => Run("read a study's directions", () =>
    {
        using var tx = _dialect.BeginRead(_connection);
        return DirectionsOf(tx, studyId);
    });

    public IReadOnlyList<StudyVersion> StudyVersions(string experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        return Run("read the study versions", () =>
        {
            using var tx = _dialect.BeginRead(_connection);
            return ReadVersions(tx, "v.experiment = @experiment", new { experiment });
        });
    }

    public StudyVersion CreateStudyVersion(string experiment, SpecRecord spec, IReadOnlyList<StudyDirection> directions)
    {
        ArgumentNullException.ThrowIfNull(spec);
        CheckStudyArguments(experiment, directions);
        return Write("create a study version", tx =>
        {
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

    public void SetStudyUserAttribute(long studyId, string key, string valueJson) => SetStudyAttribute("study_user_attributes", studyId, key, valueJson);

    public void SetStudySystemAttribute(long studyId, string key, string valueJson) => SetStudyAttribute("study_system_attributes", studyId, key, valueJson);

    public IReadOnlyDictionary<string, string> StudyUserAttributes(long studyId) => StudyAttributes("study_user_attributes", studyId);

    public IReadOnlyDictionary<string, string> StudySystemAttributes(long studyId) => StudyAttributes("study_system_attributes", studyId);

    public StoredTrial CreateRunningTrial(long studyId) => Write("start a trial", tx =>
    {
        RequireStudy(tx, studyId);
        var started = LocalNow();
        var (id, number) = InsertTrial(tx, studyId, TrialState.Running, started);
        Heartbeat(tx, id);
        return new StoredTrial(id, number, TrialState.Running, null, Empty<string, object>(), Empty<string, ParameterSpace>(), Empty<int, double>(), started, null, Empty<string, string>(), Empty<string, string>());
    });

    public StoredTrial EnqueueTrial(long studyId, IReadOnlyDictionary<string, object> fixedParameters, IReadOnlyDictionary<string, string>? userAttributes = null)
    {
        ArgumentNullException.ThrowIfNull(fixedParameters);
        var fixedJson = OptunaJson.Write(fixedParameters.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal));
        var user = new Dictionary<string, string>(userAttributes ?? Empty<string, string>(), StringComparer.Ordinal);
        foreach (var (key, json) in user)
        {
            CheckJson(key, json);
        }

        return Write("queue a trial", tx =>
        {
            RequireStudy(tx, studyId);
            var (id, number) = InsertTrial(tx, studyId, TrialState.Waiting, null);
            SetAttribute(tx, "trial_system_attributes", "trial_id", id, FixedParamsKey, fixedJson);
            foreach (var (key, json) in user)
            {
                SetAttribute(tx, "trial_user_attributes", "trial_id", id, key, json);
            }

            var system = new Dictionary<string, string>(StringComparer.Ordinal) { [FixedParamsKey] = fixedJson };
            return new StoredTrial(id, number, TrialState.Waiting, null, Empty<string, object>(), Empty<string, ParameterSpace>(), Empty<int, double>(), null, null, user.AsReadOnly(), system.AsReadOnly());
        });
    }

    public StoredTrial? ClaimWaitingTrial(long studyId) => Write("claim a waiting trial", tx =>
    {
        RequireStudy(tx, studyId);
        var id = _connection.ExecuteScalar<long?>(
            $"SELECT trial_id FROM trials WHERE study_id = @studyId AND state = 'WAITING' ORDER BY trial_id LIMIT 1{_dialect.LockRows}", new { studyId }, tx);
        if (id is null)
        {
            return null;
        }

        _connection.Execute(
            "UPDATE trials SET state = 'RUNNING', datetime_start = @start WHERE trial_id = @id AND state = 'WAITING'", new { id, start = _dialect.Time(LocalNow()) }, tx);
        Heartbeat(tx, id.Value);
        return _reader.Load(_connection, tx, studyId, long.MaxValue, [id.Value]).Single();
    });

    public void SetParameter(long trialId, ParameterSpace distribution, object value)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        var json = OptunaDistributions.ToJson(distribution);
        var stored = OptunaDistributions.ToInternal(distribution, value);
        Write("record a parameter", tx =>
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

    public void ReportIntermediate(long trialId, int step, double value)
    {
        var (stored, type) = OptunaEncoding.Intermediate(value);
        Write("record an intermediate value", tx =>
        {
            RequireUpdatableTrial(tx, trialId);
            return _connection.Execute(
                "INSERT INTO trial_intermediate_values (trial_id, step, intermediate_value, intermediate_value_type) VALUES (@trialId, @step, @stored, @type) " +
                "ON CONFLICT (trial_id, step) DO UPDATE SET intermediate_value = excluded.intermediate_value, intermediate_value_type = excluded.intermediate_value_type",
                new { trialId, step, stored, type },
                tx);
        });
    }

    public void SetTrialUserAttribute(long trialId, string key, string valueJson) => SetTrialAttribute("trial_user_attributes", trialId, key, valueJson);

    public void SetTrialSystemAttribute(long trialId, string key, string valueJson) => SetTrialAttribute("trial_system_attributes", trialId, key, valueJson);

    public void RecordHeartbeat(long trialId) => Write("record a heartbeat", tx =>
    {
        TrialRow(tx, trialId);
        Heartbeat(tx, trialId);
        return 0;
    });

    public bool FinishTrial(long trialId, TrialState state, IReadOnlyList<double>? values = null, string? failReason = null)
    {
        CheckFinishArguments(state, values, failReason);
        return Write("finish a trial", tx =>
        {
            var row = TrialRow(tx, trialId);
            if (row.State != TrialState.Running)
            {
                return false;
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
                    "INSERT INTO trial_values (trial_id, objective, value, value_type) VALUES (@trialId, @objective, @value, @type) " +
                    "ON CONFLICT (trial_id, objective) DO UPDATE SET value = excluded.value, value_type = excluded.value_type",
                    new { trialId, objective, value, type },
                    tx);
            }

            End(tx, trialId, state, failReason);
            return true;
        });
    }

    public IReadOnlyList<StoredTrial> FailStaleTrials(long studyId, TimeSpan staleAfter, string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return Write("fail stale trials", tx =>
        {
            // Only the study row is locked: ending a trial re-checks that it is still running.
            RequireStudy(tx, studyId);
            var oldest = _clock.GetUtcNow().UtcDateTime - staleAfter;
            var stale = _connection.Query<(long, object?, object?)>(
                    "SELECT t.trial_id, t.datetime_start, h.heartbeat FROM trials t LEFT JOIN trial_heartbeats h ON h.trial_id = t.trial_id " +
                    "WHERE t.study_id = @studyId AND t.state = 'RUNNING'",
                    new { studyId },
                    tx)
                .Where(r => LastSignOfLife(r.Item2, r.Item3) is { } last && last < oldest)
                .Select(r => r.Item1)
                .ToList();
            if (stale.Count == 0)
            {
                return (IReadOnlyList<StoredTrial>)[];
            }

            var trials = _reader.Load(_connection, tx, studyId, long.MaxValue, stale);
            foreach (var trial in trials)
            {
                End(tx, trial.Id, TrialState.Failed, reason);
            }

            return trials;
        });
    }

    public IReadOnlyList<StoredTrial> Trials(long studyId) => Run("read the trials", () =>
    {
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

    private T Run<T>(string action, Func<T> body)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                return body();
            }
            catch (DbException e)
            {
                throw new StudyStoreException($"Could not {action} in {Location}: {e.Message}", e);
            }
            catch (Exception e) when (e is FormatException or JsonException or OverflowException or KeyNotFoundException)
            {
                throw new StudyStoreException($"Could not {action}: {Location} holds data HyperDsl cannot read ({e.Message}).", e);
            }
        }
    }

    private T Write<T>(string action, Func<DbTransaction, T> body) => Run(action, () =>
    {
        using var tx = _dialect.BeginWrite(_connection);
        var result = body(tx);
        tx.Commit();
        return result;
    });

    private DateTime LocalNow() => OptunaDateTime.ToMicroseconds(_clock.GetLocalNow().DateTime);

    private void RequireStudy(DbTransaction tx, long studyId)
    {
        if (_connection.ExecuteScalar<long?>($"SELECT study_id FROM studies WHERE study_id = @studyId{_dialect.LockRows}", new { studyId }, tx) is null)
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
                "INSERT INTO study_directions (direction, study_id, objective) VALUES (@direction, @studyId, @objective)",
                new { direction = OptunaEncoding.Direction(directions[objective]), studyId, objective },
                tx);
        }

        return studyId;
    }

    /// <summary>A new trial numbered as Optuna numbers it: by how many trials the study had before it (the write lock makes the count safe).</summary>
    private (long Id, int Number) InsertTrial(DbTransaction tx, long studyId, TrialState state, DateTime? started)
    {
        var (id, number) = _connection.QuerySingle<(long, long)>(
            "INSERT INTO trials (number, study_id, state, datetime_start, datetime_complete) " +
            "VALUES ((SELECT COUNT(*) FROM trials WHERE study_id = @studyId), @studyId, @state, @start, NULL) RETURNING trial_id, number",
            new { studyId, state = OptunaEncoding.State(state), start = started is { } s ? _dialect.Time(s) : null },
            tx);
        return (id, checked((int)number));
    }

    private void Heartbeat(DbTransaction tx, long trialId) => _connection.Execute(
        "INSERT INTO trial_heartbeats (trial_id, heartbeat) VALUES (@trialId, @now) ON CONFLICT (trial_id) DO UPDATE SET heartbeat = excluded.heartbeat",
        new { trialId, now = _dialect.HeartbeatTime(_clock.GetUtcNow().UtcDateTime) },
        tx);

    private void End(DbTransaction tx, long trialId, TrialState state, string? failReason)
    {
        _connection.Execute(
            "UPDATE trials SET state = @state, datetime_complete = @now WHERE trial_id = @trialId AND state = 'RUNNING'",
            new { trialId, state = OptunaEncoding.State(state), now = _dialect.Time(LocalNow()) },
            tx);
        if (failReason is not null)
        {
            SetAttribute(tx, "trial_system_attributes", "trial_id", trialId, FailReasonKey, OptunaJson.Write(failReason));
        }
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

    private DateTime? LastSignOfLife(object? start, object? heartbeat)
    {
        if (heartbeat is not (null or DBNull))
        {
            return _dialect.ReadTime(heartbeat);
        }

        if (start is null or DBNull)
        {
            return null;
        }

        var local = _dialect.ReadTime(start);
        return local - _clock.LocalTimeZone.GetUtcOffset(local);
    }

    private void SetStudyAttribute(string table, long studyId, string key, string valueJson)
    {
        CheckJson(key, valueJson);
        Write("set a study attribute", tx =>
        {
            RequireStudy(tx, studyId);
            SetAttribute(tx, table, "study_id", studyId, key, valueJson);
            return 0;
        });
    }

    private void SetTrialAttribute(string table, long trialId, string key, string valueJson)
    {
        CheckJson(key, valueJson);
        Write("set a trial attribute", tx =>
        {
            RequireUpdatableTrial(tx, trialId);
            SetAttribute(tx, table, "trial_id", trialId, key, valueJson);
            return 0;
        });
    }

    private void SetAttribute(DbTransaction tx, string table, string owner, long ownerId, string key, string json) => _connection.Execute(
        $"INSERT INTO {table} ({owner}, \"key\", value_json) VALUES (@ownerId, @key, @json) ON CONFLICT ({owner}, \"key\") DO UPDATE SET value_json = excluded.value_json",
        new { ownerId, key, json },
        tx);

    private IReadOnlyDictionary<string, string> StudyAttributes(string table, long studyId) => Run("read study attributes", () =>
    {
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
