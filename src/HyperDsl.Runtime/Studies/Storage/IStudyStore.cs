using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Studies.Storage;

/// <summary>
/// Where studies and their trials live. The layout is Optuna's relational storage (schema
/// v3.0.0.d, as Optuna 3.1 writes it), so Optuna's own tools read a HyperDsl study; what is
/// HyperDsl's alone (spec versions) lives in extra tables Optuna ignores. Every method is one
/// atomic step that is safe with other processes using the same database at once; a store is
/// also safe to share between threads of one process. SQLite is the default; a PostgreSQL
/// store is the same relational code on another connection. As in Optuna, a finished trial never
/// changes: recording a parameter, an intermediate value or an attribute of one throws
/// <see cref="StudyStoreException"/>, and so does naming a study or trial that does not exist.
/// </summary>
public interface IStudyStore : IDisposable
{
    /// <summary>Where the store is, for messages (a file path or a URI without its password).</summary>
    string Location { get; }

    /// <summary>
    /// Completes the database's schema now: creates Optuna's and HyperDsl's tables in an empty
    /// database, adds HyperDsl's to an Optuna one, and says what it did. Without it, the store's
    /// first write does the same: opening a store, and reading, never change the database, and in
    /// a database that has Optuna's tables neither does a write that fails or is refused
    /// (HyperDsl's tables are created in that write's transaction, and roll back with it; an empty
    /// database gets all tables before the first write, in a transaction of their own).
    /// </summary>
    /// <exception cref="StudyStoreException">The database cannot be written, or the user may not create tables in it.</exception>
    SchemaChange Upgrade();

    /// <summary>
    /// Checks, changing nothing, that this process may write the database: that it may create what
    /// the schema lacks and change a trial. A run checks this before it starts anything, so that a
    /// read-only database (a file this user may not write, a read-only server) is reported at once.
    /// </summary>
    /// <exception cref="StudyStoreException">The database cannot be written; the message says what to do.</exception>
    void CheckWritable();

    /// <summary>The id of the study called <paramref name="name"/>, or null.</summary>
    long? FindStudy(string name);

    /// <summary>Creates a study (Optuna's <c>create_study</c>).</summary>
    /// <exception cref="StudyStoreException">A study of that name exists.</exception>
    long CreateStudy(string name, IReadOnlyList<StudyDirection> directions);

    /// <summary>Every study, by id.</summary>
    IReadOnlyList<StudySummary> Studies();

    /// <summary>The directions of a study's objectives, in order.</summary>
    IReadOnlyList<StudyDirection> Directions(long studyId);

    /// <summary>The spec versions recorded for <paramref name="experiment"/>, oldest first.</summary>
    IReadOnlyList<StudyVersion> StudyVersions(string experiment);

    /// <summary>
    /// Creates the next version of <paramref name="experiment"/>'s study for a spec: version 1 is
    /// the study named <paramref name="experiment"/>, version k the study <c>{experiment}@v{k}</c>.
    /// Returns the existing version instead when one has the same spec hash (two processes
    /// starting the same new spec at once get one study).
    /// </summary>
    StudyVersion CreateStudyVersion(string experiment, SpecRecord spec, IReadOnlyList<StudyDirection> directions);

    /// <summary>Sets a study user attribute (any JSON value).</summary>
    void SetStudyUserAttribute(long studyId, string key, string valueJson);

    /// <summary>Sets a study system attribute (any JSON value).</summary>
    void SetStudySystemAttribute(long studyId, string key, string valueJson);

    /// <summary>The study's user attributes, key to JSON.</summary>
    IReadOnlyDictionary<string, string> StudyUserAttributes(long studyId);

    /// <summary>The study's system attributes, key to JSON.</summary>
    IReadOnlyDictionary<string, string> StudySystemAttributes(long studyId);

    /// <summary>Starts a new running trial with the next number; its start time and first heartbeat are now.</summary>
    StoredTrial CreateRunningTrial(long studyId);

    /// <summary>
    /// Queues a trial with fixed parameters (Optuna's <c>enqueue_trial</c>: a WAITING trial whose
    /// <c>fixed_params</c> system attribute holds the values by name).
    /// </summary>
    StoredTrial EnqueueTrial(long studyId, IReadOnlyDictionary<string, object> fixedParameters, IReadOnlyDictionary<string, string>? userAttributes = null);

    /// <summary>
    /// Queues <paramref name="trials"/> (fixed parameters and user attributes each) in one
    /// transaction, once per study and <paramref name="marker"/> (a study system attribute set in
    /// the same transaction): however many processes start the study at once, one of them queues
    /// them. Returns false, queueing nothing, when the marker was already set.
    /// </summary>
    bool EnqueueTrialsOnce(long studyId, string marker, IReadOnlyList<(IReadOnlyDictionary<string, object> FixedParameters, IReadOnlyDictionary<string, string>? UserAttributes)> trials);

    /// <summary>
    /// Starts the study's next trial as one step that no other worker's start can interleave with:
    /// claims the oldest waiting trial (two claimers never get the same one, and without a budget
    /// or <paramref name="create"/> they never wait for each other), else (when
    /// <paramref name="create"/>) creates a running one.
    /// Starts nothing when <paramref name="budget"/> is set and that many trials already count
    /// toward it: every trial but the waiting ones and two kinds of failed ones, those queued again
    /// (whose number another trial's <see cref="StudyAttributes.RetryOf"/> user attribute holds) and
    /// those that never got their parameters (a worker lost between creating a trial and recording
    /// its point). So workers on many machines never overshoot a study-wide budget.
    /// </summary>
    NextTrial StartNextTrial(long studyId, int? budget, bool create);

    /// <summary>
    /// Records a parameter of a running trial: its value (a double, a long, or one of the choices,
    /// matched as <c>StoredValue.IndexOf</c> does) and its distribution, in Optuna's form.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The value does not fit the distribution, the distribution is one Optuna cannot load, or the
    /// study recorded this name earlier as another kind, log scale or set of choices.
    /// </exception>
    void SetParameter(long trialId, ParameterSpace distribution, object value);

    /// <summary>Records (or replaces) the value a running trial reported at <paramref name="step"/>.</summary>
    void ReportIntermediate(long trialId, int step, double value);

    /// <summary>Sets a trial user attribute (any JSON value).</summary>
    void SetTrialUserAttribute(long trialId, string key, string valueJson);

    /// <summary>Sets a trial system attribute (any JSON value).</summary>
    void SetTrialSystemAttribute(long trialId, string key, string valueJson);

    /// <summary>Records that a running trial's process is alive.</summary>
    void RecordHeartbeat(long trialId);

    /// <summary>
    /// Takes a trial paused at a rung (promotion-based ASHA: running, system attribute <c>hyperdsl:paused_at_rung</c> set and not
    /// null) to resume it: in one transaction the attribute becomes JSON <c>null</c> and the trial gets a heartbeat. False when it
    /// is no longer paused (another worker, in any process, took it first), so a paused trial is resumed once.
    /// </summary>
    bool ClaimPausedTrial(long trialId);

    /// <summary>
    /// Ends a running trial: Complete (with one value per objective), Pruned (its last
    /// intermediate value becomes its value, as Optuna does) or Failed (with
    /// <paramref name="failReason"/> in the <c>fail_reason</c> system attribute). Returns false,
    /// changing nothing, when the trial is not running (someone else already ended it).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// Complete without one value per objective or with a NaN value (fail such a trial instead),
    /// values for a Pruned or Failed trial, or a fail reason for a trial that did not fail.
    /// </exception>
    bool FinishTrial(long trialId, TrialState state, IReadOnlyList<double>? values = null, string? failReason = null);

    /// <summary>
    /// Fails the study's running trials whose last heartbeat (or start, without one) is older than
    /// <paramref name="staleAfter"/>, with <paramref name="reason"/>; returns them as they were. A trial paused at a rung
    /// (system attribute <c>hyperdsl:paused_at_rung</c> not null) has no heartbeat by design and is not stale.
    /// </summary>
    IReadOnlyList<StoredTrial> FailStaleTrials(long studyId, TimeSpan staleAfter, string reason);

    /// <summary>The study's trials, by number.</summary>
    IReadOnlyList<StoredTrial> Trials(long studyId);
}
