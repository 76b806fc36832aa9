namespace HyperDsl.Cli;

/// <summary>Reads the spec files named on the command line, expanding directories to the .hyp files under them.</summary>
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
                var found = Directory.EnumerateFiles(input, "*.hyp", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0)
                {
                    problems.Add($"the directory '{input}' contains no .hyp files.");
                }

                foreach (var path in found)
                {
                    Read(path, files, problems);
                }
            }
            else
            {
                Read(input, files, problems);
            }
        }

        return new LoadedSpecs(files, problems);
    }

    private static void Read(string path, List<SpecFileContent> files, List<string> problems)
    {
        try
        {
            files.Add(new SpecFileContent(path, File.ReadAllBytes(path)));
        }
        catch (FileNotFoundException)
        {
            problems.Add($"cannot read '{path}': no such file.");
        }
        catch (DirectoryNotFoundException)
        {
            problems.Add($"cannot read '{path}': no such file or directory.");
        }
        catch (UnauthorizedAccessException)
        {
            problems.Add($"cannot read '{path}': permission denied.");
        }
        catch (IOException error)
        {
            problems.Add($"cannot read '{path}': {error.Message}");
        }
    }
}

/// <summary>The bytes of one spec file and the path diagnostics show for it.</summary>
internal sealed record SpecFileContent(string DisplayPath, byte[] Bytes);

/// <summary>What <see cref="SpecFileLoader"/> read, and what it could not.</summary>
internal sealed record LoadedSpecs(IReadOnlyList<SpecFileContent> Files, IReadOnlyList<string> Problems);
