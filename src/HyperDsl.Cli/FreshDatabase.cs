using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Cli;

/// <summary>Remembers whether a SQLite study file existed before a run, so a run that stored nothing can remove the file it created.</summary>
internal sealed class FreshDatabase
{
    private readonly string? _path;

    private FreshDatabase(string? path)
    {
        _path = path;
    }

    /// <summary>Notes <paramref name="location"/>'s file if it does not exist yet.</summary>
    public static FreshDatabase Before(StoreLocation location) =>
        new(location.SqlitePath is { } path && !File.Exists(path) ? path : null);

    /// <summary>Closes <paramref name="store"/> and deletes the file (and its WAL files) when this run created it and it holds no study.</summary>
    public void RemoveIfEmpty(IStudyStore store)
    {
        if (_path is null || store.Studies().Count > 0)
        {
            return;
        }

        store.Dispose();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
