namespace HyperDsl.Runtime.Studies.Storage.Sqlite;

/// <summary>A SQLite study file, as a path (relative to the current folder unless absolute).</summary>
internal sealed class SqliteLocation(string path) : StoreLocation
{
    public override string Display => path;

    public override string SqlitePath => path;

    internal override IStudyStore Open() => SqliteStudyStore.Open(path);
}
