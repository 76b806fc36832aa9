namespace HyperDsl.Runtime.Studies.Storage;

/// <summary>
/// Where a study store is: a SQLite file or a PostgreSQL database, read strictly from what the
/// user wrote (<see cref="Parse"/>), so that a mistyped location is refused before anything is
/// created, and shown (<see cref="Display"/>, <see cref="ToString"/>) without its password.
/// </summary>
public abstract class StoreLocation
{
    private protected StoreLocation()
    {
    }

    /// <summary>The location for messages: the SQLite path as given, or the PostgreSQL URL without its password.</summary>
    public abstract string Display { get; }

    /// <summary>The SQLite file (a relative path stays relative to the current folder), or null for a PostgreSQL database.</summary>
    public virtual string? SqlitePath => null;

    /// <summary>Whether this is a PostgreSQL database.</summary>
    public virtual bool IsPostgresql => false;

    /// <summary>
    /// Reads a location as the command line and <c>$HYP_STORAGE</c> give it: a path to a SQLite file
    /// (<c>studies.db</c>, <c>/data/studies.db</c>); a SQLAlchemy SQLite URL (<c>sqlite:///relative.db</c>,
    /// <c>sqlite:////absolute.db</c>); a PostgreSQL URL (<c>postgresql://user:password@host:port/database</c>,
    /// also <c>postgres://</c> and <c>postgresql+driver://</c>); or <c>env:NAME</c>, the environment
    /// variable NAME holding one of those. Anything else that looks like a URL (a <c>word:</c> prefix)
    /// or a connection string (<c>key=value;...</c>) is refused rather than taken as a file name.
    /// </summary>
    /// <exception cref="StudyStoreException">
    /// The location is empty, has control characters or white space at its ends, is not one of the
    /// forms above, or names an environment variable that is not set. The message says which forms
    /// are accepted and never holds a password.
    /// </exception>
    public static StoreLocation Parse(string? text) => StoreLocationParser.Parse(text);

    /// <summary>
    /// Reads the location in the environment variable <paramref name="variable"/> (as <c>$HYP_STORAGE</c>)
    /// as <see cref="Parse"/> does; null when the variable is not set or set to nothing.
    /// </summary>
    /// <inheritdoc cref="Parse" path="/exception"/>
    public static StoreLocation? FromEnvironment(string variable) => StoreLocationParser.FromEnvironment(variable);

    /// <summary>
    /// Reads a spec's <c>storage</c>: a SQLite file only (a path or <c>sqlite:///</c> URL), relative to
    /// <paramref name="specFolder"/> and inside it (not absolute, no <c>..</c>). A spec that others
    /// share must not be able to send its study, or the user's database credentials, to a server it
    /// names, nor read the environment, nor create files elsewhere: a shared database or another
    /// place is given with <c>--storage</c> or <c>$HYP_STORAGE</c>.
    /// </summary>
    /// <inheritdoc cref="Parse" path="/exception"/>
    public static StoreLocation ParseSpecStorage(string? text, string specFolder) => StoreLocationParser.ParseSpecStorage(text, specFolder);

    /// <summary>A SQLite file at <paramref name="path"/>, taken as it is (for paths HyperDsl makes itself, such as <c>spec.study.db</c>).</summary>
    public static StoreLocation SqliteFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new Sqlite.SqliteLocation(path);
    }

    /// <summary>Opens the store here (see <see cref="StudyStores.Open(StoreLocation)"/>).</summary>
    internal abstract IStudyStore Open();

    /// <summary>The same as <see cref="Display"/>: never the password.</summary>
    public sealed override string ToString() => Display;
}
