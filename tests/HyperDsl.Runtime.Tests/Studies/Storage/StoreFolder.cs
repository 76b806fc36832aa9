using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Runtime.Tests.Studies.Storage;

/// <summary>A temporary folder for store files, removed afterwards.</summary>
internal sealed class StoreFolder : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("hyperdsl-store-");

    public string Path(string name = "studies.db") => System.IO.Path.Combine(_folder.FullName, name);

    public SqliteStudyStore Open(string name = "studies.db", TimeProvider? clock = null) => SqliteStudyStore.Open(Path(name), clock ?? TimeProvider.System);

    public void Dispose() => _folder.Delete(recursive: true);
}
