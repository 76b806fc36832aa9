using System.Text;
using HyperDsl.TestKit;

namespace HyperDsl.Compiler.Tests;

/// <summary>
/// Each folder under <c>Cases/</c> holds a <c>main.hyp</c> (and any files it imports). Its
/// <c>main.baseline.txt</c> shows every diagnostic under the line it points at, then the
/// summary of each experiment that was checked.
/// </summary>
public class CaseTests
{
    private static readonly string CaseRoot = Path.Combine(RepositoryPaths.Root, "tests", "HyperDsl.Compiler.Tests", "Cases");

    public static TheoryData<string> Cases() =>
        new(Directory.EnumerateDirectories(CaseRoot).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_reports_its_baselined_diagnostics_and_summary(string name)
    {
        var folder = Path.Combine(CaseRoot, name);
        var compilation = CompilationHelper.CompileCase(folder);

        var text = new StringBuilder();
        foreach (var tree in compilation.SyntaxTrees.Concat(compilation.ImportedTrees))
        {
            var diagnostics = compilation.Diagnostics.Where(d => d.Span.File == tree.File).ToList();
            if (tree != compilation.SyntaxTrees[0] && diagnostics.Count == 0)
            {
                continue;
            }

            if (tree != compilation.SyntaxTrees[0])
            {
                text.Append("==== ").Append(tree.File.Path).Append('\n');
            }

            text.Append(DiagnosticAnnotator.Annotate(tree.File, diagnostics));
        }

        foreach (var experiment in compilation.Experiments)
        {
            text.Append('\n').Append(CheckedExperimentFormatter.Format(experiment));
        }

        BaselineAssert.MatchesFile(text.ToString(), Path.Combine(folder, "main.baseline.txt"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_names_the_codes_it_expects_in_its_first_line(string name)
    {
        // "// expect: HYP2201" (or "// expect: clean") keeps each case honest about its purpose.
        var folder = Path.Combine(CaseRoot, name);
        var first = File.ReadLines(Path.Combine(folder, "main.hyp")).First();
        Assert.StartsWith("// expect: ", first, StringComparison.Ordinal);
        var expected = first["// expect: ".Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        var compilation = CompilationHelper.CompileCase(folder);

        var actual = compilation.Diagnostics.Select(d => d.Code).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Contains("clean") ? [] : expected.Order(StringComparer.Ordinal).ToList(), actual);
    }
}
