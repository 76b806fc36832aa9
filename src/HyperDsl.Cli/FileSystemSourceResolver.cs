using HyperDsl.Compiler.Resolution;

namespace HyperDsl.Cli;

/// <summary>Reads imported specs from disk for the compiler.</summary>
internal sealed class FileSystemSourceResolver : ISourceResolver
{
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
