namespace HyperDsl.Compiler.Resolution;

/// <summary>
/// Reads imported specs from disk: what hosts (the CLI, the build tool) pass to
/// <see cref="HypCompilation.Create"/>; the compiler itself never touches the file system.
/// </summary>
public sealed class FileSystemSourceResolver : ISourceResolver
{
    /// <inheritdoc />
    public byte[]? TryRead(string path, out string? problem)
    {
        try
        {
            problem = null;
            return File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            problem = error is FileNotFoundException or DirectoryNotFoundException ? "no such file" : error.Message;
            return null;
        }
    }
}
