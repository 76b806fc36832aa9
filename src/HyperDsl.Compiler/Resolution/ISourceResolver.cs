namespace HyperDsl.Compiler.Resolution;

/// <summary>
/// Reads the files a spec imports. The compiler does no I/O of its own: the CLI and the build
/// tool pass <see cref="FileSystemSourceResolver"/>, tests pass one that serves text from memory.
/// </summary>
public interface ISourceResolver
{
    /// <summary>The bytes of the spec file at <paramref name="path"/>, or why it cannot be imported.</summary>
    SpecFileRead Read(string path);
}
