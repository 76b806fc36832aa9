namespace HyperDsl.Runtime.Data;

/// <summary>
/// The one check every data file passes before it is opened: it exists and is a regular file with
/// content. Devices, pipes and <c>/proc</c> files report a length of 0; opening one could block
/// forever (a FIFO) or never end (<c>/dev/zero</c>), and a spec names its data files itself.
/// </summary>
internal static class DataFiles
{
    /// <summary>The length of the regular file at <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What the file is, for the message ("data file", "image").</param>
    /// <exception cref="DataFileException">It is missing, a folder, empty or not a regular file.</exception>
    public static long RegularFileLength(string path, string what)
    {
        FileInfo file;
        try
        {
            file = new FileInfo(path);
            if (file.Exists && file.Length > 0)
            {
                return file.Length;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DataFileException(path, $"The {what} '{path}' cannot be read: {e.Message}", e);
        }

        if (Directory.Exists(path))
        {
            throw new DataFileException(path, $"The {what} '{path}' is a folder; expected a file.");
        }

        if (!file.Exists)
        {
            var folder = Path.GetDirectoryName(path);
            throw new DataFileException(path, folder is { Length: > 0 } && !Directory.Exists(folder)
                ? $"The {what} '{path}' does not exist (its folder is missing)."
                : $"The {what} '{path}' does not exist.");
        }

        throw new DataFileException(path, $"The {what} '{path}' is empty or not a regular file (a device, a pipe or a /proc file); data must be read from regular files.");
    }
}
