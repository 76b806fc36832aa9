namespace HyperDsl.Runtime.Tests.Studies.Storage;

/// <summary>
/// A set of tests every kind of store must pass: one subclass per kind gives the backend
/// (SQLite, PostgreSQL), which the tests reach as <see cref="Backend"/>.
/// </summary>
public abstract class StoreContract(IStoreBackend backend) : IDisposable
{
    protected IStoreBackend Backend { get; } = backend;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Backend.Dispose();
        }
    }
}
