using HyperDsl.Shared;

namespace HyperDsl.Compiler.Resolution;

/// <summary>
/// Reads imported specs from disk with <see cref="SpecFileReader"/> (regular <c>.hyp</c> files
/// only, bounded in size), and lists an image folder's class folders with the runtime's own rule
/// (<see cref="ImageClassFolders"/>): what hosts (the CLI, the build tool) pass to
/// <see cref="HypCompilation.Create"/>; the compiler itself never touches the file system.
/// </summary>
public sealed class FileSystemSourceResolver : ISourceResolver, IDataFolderReader
{
    /// <inheritdoc />
    public SpecFileRead Read(string path) => SpecFileReader.Read(path, SpecFileNaming.HypExtension);

    /// <inheritdoc />
    public ClassFolderListing? ListClassFolders(string specPath, string path)
    {
        // As the generated LoadData does: a relative path starts at the folder of the spec, as given.
        try
        {
            var folder = Path.IsPathRooted(path) ? path : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(specPath)) ?? "", path);

            // A folder of /proc or /sys holds no images (the runtime reads only regular files): it is not listed.
            if (FileKinds.IsKernelMade(folder))
            {
                return null;
            }

            return ImageClassFolders.List(folder) is { } names ? new ClassFolderListing(names, false) : new ClassFolderListing([], true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            return null;
        }
    }
}
