using System.Runtime.CompilerServices;

namespace HyperDsl.TestKit;

/// <summary>Locates the repository's folders from a test, wherever the test binaries run.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder that holds HyperDsl.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The examples folder.</summary>
    public static string Examples => Path.Combine(Root, "examples");

    /// <summary>The docs folder.</summary>
    public static string Docs => Path.Combine(Root, "docs");

    /// <summary>Every example spec, sorted by name.</summary>
    public static IReadOnlyList<string> ExampleSpecs =>
        [.. Directory.EnumerateFiles(Examples, "*.hyp", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    private static string FindRoot([CallerFilePath] string thisFile = "")
    {
        foreach (var start in new[] { Path.GetDirectoryName(thisFile), AppContext.BaseDirectory })
        {
            for (var directory = start; directory is not null; directory = Path.GetDirectoryName(directory))
            {
                if (File.Exists(Path.Combine(directory, "HyperDsl.sln")))
                {
                    return directory;
                }
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (the folder with HyperDsl.sln).");
    }
}
