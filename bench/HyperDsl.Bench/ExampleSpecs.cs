using HyperDsl.Compiler;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Syntax;

namespace HyperDsl.Bench;

/// <summary>
/// The repository's examples held in memory, so that checking them times the compiler and not
/// the disk: what <c>hyp check examples/</c> does after the files are read.
/// </summary>
public sealed class ExampleSpecs : ISourceResolver
{
    private readonly Dictionary<string, byte[]> _files;

    private ExampleSpecs(Dictionary<string, byte[]> files)
    {
        _files = files;
    }

    /// <summary>The number of example files.</summary>
    public int Count => _files.Count;

    /// <summary>Reads every example under the repository's examples folder.</summary>
    public static ExampleSpecs Load()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "HyperDsl.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Cannot find the repository root (HyperDsl.sln) above the benchmark.");
        }

        var examples = Path.Combine(root, "examples");
        var files = Directory.EnumerateFiles(examples, "*.hyp", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .ToDictionary(Path.GetFullPath, File.ReadAllBytes, StringComparer.Ordinal);
        var specs = new ExampleSpecs(files);
        var compilation = specs.Check();
        if (compilation.Diagnostics.Length > 0)
        {
            throw new InvalidOperationException("The examples must check clean to be benchmarked:\n" + string.Join("\n", compilation.Diagnostics));
        }

        return specs;
    }

    /// <summary>The files, by full path.</summary>
    public IEnumerable<(string Path, byte[] Bytes)> Files => _files.Select(f => (f.Key, f.Value));

    /// <summary>Parses and checks one file (and what it imports).</summary>
    public HypCompilation CheckOne(string path) => HypCompilation.Create([SyntaxTree.Parse(_files[path], path)], this);

    /// <summary>Parses only.</summary>
    public int Parse() => _files.Sum(f => SyntaxTree.Parse(f.Value, f.Key).Root.Members.Length);

    /// <summary>Parses and checks everything, as <c>hyp check examples/</c> does.</summary>
    public HypCompilation Check() => HypCompilation.Create(_files.Select(f => SyntaxTree.Parse(f.Value, f.Key)), this);

    /// <inheritdoc />
    public SpecFileRead Read(string path) =>
        _files.TryGetValue(Path.GetFullPath(path), out var bytes) ? SpecFileRead.Read(bytes) : SpecFileRead.Refused(SpecFileProblem.NotFound, "no such file");
}
