namespace HyperDsl.Shared;

/// <summary>
/// Which entries of an image folder (<c>image_folder(dir)</c>) are its classes: every
/// sub-folder, in ordinal order of its name. This one file is compiled into the runtime, which
/// loads the classes, and into the compiler, whose host counts them at check time, so that the
/// class count <c>hyp check</c> proves is the one <c>hyp run</c> loads. Only the named folder is
/// listed (never a class folder's files, never a file's contents), and the listing stops after
/// <see cref="MaxEntries"/> entries, so a huge folder cannot hang either.
/// </summary>
internal static class ImageClassFolders
{
    /// <summary>The most classes (one byte per label) an image folder may have.</summary>
    public const int MaxClasses = 256;

    /// <summary>The most entries (files and folders) the top of an image folder may hold.</summary>
    public const int MaxEntries = 4096;

    /// <summary>
    /// The names of the class folders in <paramref name="directory"/>, ordinal order; null when it
    /// holds more than <see cref="MaxEntries"/> entries. Throws what <see cref="DirectoryInfo"/>
    /// throws for a folder that is missing or cannot be read.
    /// </summary>
    public static IReadOnlyList<string>? List(string directory)
    {
        var classes = new List<string>();
        var entries = 0;
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            if (++entries > MaxEntries)
            {
                return null;
            }

            if (entry is DirectoryInfo)
            {
                classes.Add(entry.Name);
            }
        }

        classes.Sort(StringComparer.Ordinal);
        return classes;
    }
}
