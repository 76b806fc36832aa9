using HyperDsl.Compiler.Resolution;
using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Cli;

/// <summary>
/// Reads a spec's imports as they were at a git revision, so <c>hyp diff FILE --from REV</c>
/// checks the old version with the blocks it imported then. Data folders are still listed from
/// the working tree (git keeps no image folders worth listing).
/// </summary>
internal sealed class GitRevisionSourceResolver(string revision) : ISourceResolver, IDataFolderReader
{
    private readonly FileSystemSourceResolver _files = new();

    public SpecFileRead Read(string path)
    {
        if (!SpecFileReader.HasSpecExtension(path))
        {
            return SpecFileRead.Refused(SpecFileProblem.NotSpecFile, "it is not a .hyp file");
        }

        var bytes = GitRevisionReader.Read(path, revision, out var reason);
        return bytes is null
            ? SpecFileRead.Refused(SpecFileProblem.NotFound, $"at revision '{DiagnosticText.Escape(revision)}', {reason}")
            : SpecFileRead.Read(bytes);
    }

    public ClassFolderListing? ListClassFolders(string specPath, string path) => _files.ListClassFolders(specPath, path);
}
