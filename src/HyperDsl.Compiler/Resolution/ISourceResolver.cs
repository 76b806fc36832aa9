namespace HyperDsl.Compiler.Resolution;

/// <summary>
/// Reads the files a spec imports. The compiler does no I/O of its own: the CLI passes one that
/// reads the file system, tests pass one that serves text from memory.
/// </summary>
public interface ISourceResolver
{
    /// <summary>The bytes of the file at <paramref name="path"/>, or null (with a reason) when it cannot be read.</summary>
    byte[]? TryRead(string path, out string? problem);
}
