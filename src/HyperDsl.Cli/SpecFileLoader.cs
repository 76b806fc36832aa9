using System.IO.Enumeration;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Cli;

/// <summary>
/// Reads the spec files named on the command line, expanding directories to the .hyp files
/// under them, with <see cref="SpecFileReader"/>: the rules imports follow (regular files of at
/// most 1 MiB; links only to .hyp files), except that a file named explicitly may have any
/// extension. What cannot be read is a one-line problem for the caller to print (exit code 2).
/// </summary>
internal static class SpecFileLoader
{
    public static LoadedSpecs Load(IEnumerable<string> inputs)
    {
        var files = new List<SpecFileContent>();
        var problems = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                var found = FindSpecs(input, problems);
                if (found is { Count: 0 })
                {
                    problems.Add($"the directory '{DiagnosticText.Escape(input)}' contains no .hyp files.");
                }

                foreach (var path in found ?? [])
                {
                    Read(path, SpecFileNaming.HypExtension, files, problems);
                }
            }
            else
            {
                Read(input, SpecFileNaming.AnyName, files, problems);
            }
        }

        return new LoadedSpecs(files, problems);
    }

    // Folders that cannot be entered are skipped. Links to folders are not followed: a link to
    // '/' or a loop would make the search walk the whole machine or never end. Links to files
    // are listed, and the reader follows them only to .hyp files.
    private static List<string>? FindSpecs(string directory, List<string> problems)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        var specs = new FileSystemEnumerable<string>(directory, (ref FileSystemEntry entry) => entry.ToSpecifiedFullPath(), options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory && entry.FileName.EndsWith(SpecFileReader.Extension, StringComparison.Ordinal),
            ShouldRecursePredicate = (ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        try
        {
            return [.. specs.Order(StringComparer.Ordinal)];
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            problems.Add($"cannot search the directory '{DiagnosticText.Escape(directory)}': {DiagnosticText.Excerpt(error.Message)}");
            return null;
        }
    }

    private static void Read(string path, SpecFileNaming naming, List<SpecFileContent> files, List<string> problems)
    {
        var read = SpecFileReader.Read(path, naming);
        if (read.Bytes is null)
        {
            problems.Add($"cannot read '{DiagnosticText.Escape(path)}': {read.Reason}.");
            return;
        }

        files.Add(new SpecFileContent(path, read.Bytes));
    }
}

/// <summary>The bytes of one spec file and the path diagnostics show for it.</summary>
internal sealed record SpecFileContent(string DisplayPath, byte[] Bytes);

/// <summary>What <see cref="SpecFileLoader"/> read, and what it could not.</summary>
internal sealed record LoadedSpecs(IReadOnlyList<SpecFileContent> Files, IReadOnlyList<string> Problems);
