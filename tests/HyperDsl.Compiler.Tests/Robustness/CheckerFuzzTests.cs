using System.Text.RegularExpressions;
using HyperDsl.Compiler.Resolution;
using HyperDsl.TestKit;

namespace HyperDsl.Compiler.Tests.Robustness;

/// <summary>
/// Random, reproducible edits of the examples that keep them parseable: whatever the spec
/// says, checking reports diagnostics and never throws.
/// </summary>
public partial class CheckerFuzzTests
{
    private const int EditsPerExample = 250;

    public static TheoryData<string> Examples() => new(RepositoryPaths.ExampleSpecs.Select(path => Path.GetRelativePath(RepositoryPaths.Examples, path)));

    private static readonly string[] Replacements =
    [
        "0", "1", "-1", "2", "3", "1000", "1e9", "0.5", "1e-9", "true", "\"x\"", "[]", "[1, 2]", "depth", "width", "lr", "sgd",
        "adam", "same", "model.params", "epochs", "relu", "flatten", "linear(10)", "conv(0)", "1 epoch", "10%", "2h", "x / 0", "x[9]",
    ];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Edited_examples_are_checked_without_exceptions(string example)
    {
        var path = Path.Combine(RepositoryPaths.Examples, example);
        var text = File.ReadAllText(path);
        var atoms = Atom().Matches(text).ToList();
        var random = new Random(example.Length * 7919);
        var checkedCount = 0;
        for (var i = 0; i < EditsPerExample; i++)
        {
            var atom = atoms[random.Next(atoms.Count)];
            var replacement = Replacements[random.Next(Replacements.Length)];
            var edited = string.Concat(text.AsSpan(0, atom.Index), replacement, text.AsSpan(atom.Index + atom.Length));
            try
            {
                var compilation = HypCompilation.Create([Syntax.SyntaxTree.Parse(edited, path)], new InMemoryResolver(RepositoryPaths.Examples));
                checkedCount += compilation.SyntaxTrees[0].HasErrors ? 0 : 1;
            }
            catch (Exception error)
            {
                throw new Xunit.Sdk.XunitException($"Checking {example} with '{atom.Value}' at offset {atom.Index} replaced by '{replacement}' threw {error}");
            }
        }

        Assert.True(checkedCount > EditsPerExample / 3, $"Only {checkedCount} edits parsed; the fuzzer is not reaching the checker.");
    }

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*|[0-9][0-9._eE]*[kMG%]?")]
    private static partial Regex Atom();

    private sealed class InMemoryResolver(string folder) : ISourceResolver
    {
        public SpecFileRead Read(string path)
        {
            var full = Path.GetFullPath(path);
            return full.StartsWith(folder, StringComparison.Ordinal) && File.Exists(full)
                ? SpecFileRead.Read(File.ReadAllBytes(full))
                : SpecFileRead.Refused(SpecFileProblem.NotFound, "no such file");
        }
    }
}
