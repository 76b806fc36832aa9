using HyperDsl.Compiler.Lowering;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Syntax;
using HyperDsl.Syntax.Formatting;
using HyperDsl.TestKit;

namespace HyperDsl.Compiler.Tests.Formatting;

/// <summary>
/// <c>hyp fmt</c> changes layout only: over every example and every clean compiler case, the
/// formatted spec lowers to the same canonical text, so the study hash stays, and formatting
/// again changes nothing.
/// </summary>
public class FormattingKeepsMeaningTests
{
    private static readonly string CaseRoot = Path.Combine(RepositoryPaths.Root, "tests", "HyperDsl.Compiler.Tests", "Cases");

    public static TheoryData<string> Specs() =>
        new(RepositoryPaths.ExampleSpecs
            .Concat(Directory.EnumerateDirectories(CaseRoot, "clean_*").Select(folder => Path.Combine(folder, "main.hyp")))
            .Select(path => Path.GetRelativePath(RepositoryPaths.Root, path))
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Specs))]
    public void Formatting_keeps_the_lowered_experiments_and_study_hashes(string spec)
    {
        var path = Path.Combine(RepositoryPaths.Root, spec);
        var text = File.ReadAllText(path);

        var before = Meaning(text, path);

        Assert.Equal(before, Meaning(Format(text), path));
        Assert.Equal(before, Meaning(Format(Scramble(text)), path));
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Formatting_twice_changes_nothing(string spec)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, spec));

        foreach (var input in new[] { text, Scramble(text) })
        {
            var once = Format(input);
            Assert.Equal(once, Format(once));
        }
    }

    private static string Format(string text)
    {
        var result = SpecFormatter.Format(text);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Text!;
    }

    // Every experiment's study hash and lowered canonical text, and the codes of the diagnostics.
    private static List<string> Meaning(string text, string path)
    {
        var compilation = HypCompilation.Create([SyntaxTree.Parse(text, path)], new FileSystemSourceResolver());
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        return
        [
            .. compilation.Diagnostics.Select(diagnostic => diagnostic.Code),
            .. compilation.Experiments.SelectMany(experiment => new[]
            {
                experiment.Name,
                experiment.StudyHash ?? "unbound",
                CanonicalText.Of(ExperimentLowerer.Lower(experiment.Bound!)),
            }),
        ];
    }

    // The same spec with its layout spoiled: lines indented by a tab, spaces doubled (except on
    // lines with strings, whose content must not change, and inside block comments).
    private static string Scramble(string text) =>
        string.Join("\n", text.Split('\n').Select(line =>
            line.Trim().Length == 0 || line.TrimStart().StartsWith('*') ? line
            : line.Contains('"', StringComparison.Ordinal) ? "\t" + line.Trim()
            : "\t" + line.Trim().Replace(" ", "  ", StringComparison.Ordinal)));
}
