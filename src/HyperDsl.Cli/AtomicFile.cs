using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Cli;

/// <summary>
/// Replaces a file's content all at once: the new bytes go to a temporary file next to it, which
/// is then renamed over it, so a crash or a full disk never leaves half a file. A link is
/// followed, so the file it names is replaced and the link stays; the file's Unix mode is kept.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>; null when done, else why not.</summary>
    public static string? TryWrite(string path, byte[] bytes)
    {
        string? temporary = null;
        try
        {
            var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
            temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
            File.WriteAllBytes(temporary, bytes);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(target));
            }

            File.Move(temporary, target, overwrite: true);
            temporary = null;
            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return DiagnosticText.Excerpt(error.Message);
        }
        finally
        {
            if (temporary is not null)
            {
                try
                {
                    File.Delete(temporary);
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    // The original is intact; a stray temporary file is all that is left.
                }
            }
        }
    }
}
