using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage.Relational;
using HyperDsl.Runtime.Studies.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace HyperDsl.Runtime.Studies.Storage;

/// <summary>
/// A study store in a SQLite file, readable by Optuna as <c>sqlite:///path</c>. Several processes
/// may use one file at once (the file is in WAL mode; each write takes SQLite's write lock up
/// front and waits up to a minute for it), and threads of one process may share one instance.
/// As in Optuna, a finished trial never changes (its parameters, values, intermediate values and
/// attributes included), so each instance caches finished trials and <see cref="Trials"/> only
/// reads the trials that are new or still running or waiting. Commits are not flushed to disk one
/// by one (WAL with <c>synchronous=NORMAL</c>): a crashed process loses nothing, a power cut may
/// lose the last trials' updates but never corrupts the file.
/// </summary>
public sealed class SqliteStudyStore : IStudyStore
{
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(60);
    private readonly RelationalStudyStore _store;

    private SqliteStudyStore(RelationalStudyStore store) => _store = store;

    /// <inheritdoc/>
    public string Location => _store.Location;

    /// <summary>Opens the store in <paramref name="path"/>, creating the file (and its folder) if needed.</summary>
    /// <exception cref="StudyStoreException">
    /// The path is not a SQLite database, is a database of another program or of an Optuna or
    /// HyperDsl schema this version does not read (such a file is left unchanged), or cannot be written.
    /// </exception>
    public static SqliteStudyStore Open(string path) => Open(path, TimeProvider.System);

    /// <summary>Opens the store in <paramref name="path"/> with <paramref name="clock"/> for start, end and heartbeat times.</summary>
    /// <inheritdoc cref="Open(string)"/>
    public static SqliteStudyStore Open(string path, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(clock);
        var fullPath = Path.GetFullPath(path);
        SqliteFile.Prepare(fullPath);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
            // The store keeps its one connection; a pooled one would keep the file open after Dispose.
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}";
                command.ExecuteNonQuery();
            }

            // A file is never out of reach for a while, so there is nothing to wait for: no retries.
            return new SqliteStudyStore(new RelationalStudyStore(connection, new SqliteDialect(), fullPath, clock, StoreRetryPolicy.None));
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw SqliteFile.Explain(fullPath, e);
        }
        catch (StudyStoreException e) when (e.InnerException is SqliteException inner)
        {
            connection.Dispose();
            throw SqliteFile.Explain(fullPath, inner);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public long? FindStudy(string name) => _store.FindStudy(name);

    /// <inheritdoc/>
    public long CreateStudy(string name, IReadOnlyList<StudyDirection> directions) => _store.CreateStudy(name, directions);

    /// <inheritdoc/>
    public IReadOnlyList<StudySummary> Studies() => _store.Studies();

    /// <inheritdoc/>
    public IReadOnlyList<StudyDirection> Directions(long studyId) => _store.Directions(studyId);

    /// <inheritdoc/>
    public IReadOnlyList<StudyVersion> StudyVersions(string experiment) => _store.StudyVersions(experiment);

    /// <inheritdoc/>
    public StudyVersion CreateStudyVersion(string experiment, SpecRecord spec, IReadOnlyList<StudyDirection> directions) => _store.CreateStudyVersion(experiment, spec, directions);

    /// <inheritdoc/>
    public void SetStudyUserAttribute(long studyId, string key, string valueJson) => _store.SetStudyUserAttribute(studyId, key, valueJson);

    /// <inheritdoc/>
    public void SetStudySystemAttribute(long studyId, string key, string valueJson) => _store.SetStudySystemAttribute(studyId, key, valueJson);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> StudyUserAttributes(long studyId) => _store.StudyUserAttributes(studyId);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> StudySystemAttributes(long studyId) => _store.StudySystemAttributes(studyId);

    /// <inheritdoc/>
    public StoredTrial CreateRunningTrial(long studyId) => _store.CreateRunningTrial(studyId);

    /// <inheritdoc/>
    public StoredTrial EnqueueTrial(long studyId, IReadOnlyDictionary<string, object> fixedParameters, IReadOnlyDictionary<string, string>? userAttributes = null) =>
        _store.EnqueueTrial(studyId, fixedParameters, userAttributes);

    /// <inheritdoc />
    public bool EnqueueTrialsOnce(long studyId, string marker, IReadOnlyList<(IReadOnlyDictionary<string, object> FixedParameters, IReadOnlyDictionary<string, string>? UserAttributes)> trials) =>
        _store.EnqueueTrialsOnce(studyId, marker, trials);

    /// <inheritdoc/>
    public StoredTrial? ClaimWaitingTrial(long studyId) => _store.ClaimWaitingTrial(studyId);

    /// <inheritdoc/>
    public void SetParameter(long trialId, ParameterSpace distribution, object value) => _store.SetParameter(trialId, distribution, value);

    /// <inheritdoc/>
    public void ReportIntermediate(long trialId, int step, double value) => _store.ReportIntermediate(trialId, step, value);

    /// <inheritdoc/>
    public void SetTrialUserAttribute(long trialId, string key, string valueJson) => _store.SetTrialUserAttribute(trialId, key, valueJson);

    /// <inheritdoc/>
    public void SetTrialSystemAttribute(long trialId, string key, string valueJson) => _store.SetTrialSystemAttribute(trialId, key, valueJson);

    /// <inheritdoc/>
    public void RecordHeartbeat(long trialId) => _store.RecordHeartbeat(trialId);

    /// <inheritdoc/>
    public bool FinishTrial(long trialId, TrialState state, IReadOnlyList<double>? values = null, string? failReason = null) => _store.FinishTrial(trialId, state, values, failReason);

    /// <inheritdoc/>
    public IReadOnlyList<StoredTrial> FailStaleTrials(long studyId, TimeSpan staleAfter, string reason) => _store.FailStaleTrials(studyId, staleAfter, reason);

    /// <inheritdoc/>
    public IReadOnlyList<StoredTrial> Trials(long studyId) => _store.Trials(studyId);

    /// <inheritdoc/>
    public void Dispose() => _store.Dispose();
}
