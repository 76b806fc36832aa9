using System.Text.RegularExpressions;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Diagnostics;
using HyperDsl.TestKit;

namespace HyperDsl.Compiler.Tests;

/// <summary>Keeps docs/catalog.md and the compiler part of docs/diagnostics.md in step with the code.</summary>
public partial class DocumentationTests
{
    [Fact]
    public void The_catalogue_page_is_generated_from_the_catalogue()
    {
        BaselineAssert.MatchesFile(CatalogDocumentation.Render(), Path.Combine(RepositoryPaths.Docs, "catalog.md"));
    }

    [Fact]
    public void Every_checker_code_is_documented_with_its_title_and_nothing_else_is()
    {
        var documented = Heading().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Docs, "diagnostics.md")))
            .Where(m => m.Groups[1].Value[3] is >= '1' and <= '4' || CompilerDiagnostics.All.Any(d => d.Code == m.Groups[1].Value))
            .Select(m => $"{m.Groups[1].Value}: {m.Groups[2].Value.Trim()}");

        Assert.Equal(CompilerDiagnostics.All.Select(d => $"{d.Code}: {d.Title}"), documented);
    }

    [Fact]
    public void Every_checker_example_in_the_diagnostics_reference_produces_its_code()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Docs, "diagnostics.md"));
        var headings = Heading().Matches(text).ToList();
        var checkedExamples = 0;
        foreach (Match block in HypFence().Matches(text))
        {
            var heading = headings.Last(h => h.Index < block.Index).Groups[1].Value;
            if (heading.StartsWith("HYP0", StringComparison.Ordinal))
            {
                continue;
            }

            var compilation = CompilationHelper.CompileText(block.Groups[1].Value);

            Assert.True(compilation.Diagnostics.Any(d => d.Code == heading), $"The example for {heading} gives:\n" + string.Join("\n", compilation.Diagnostics));
            checkedExamples++;
        }

        Assert.True(checkedExamples >= 60, $"Only {checkedExamples} checker examples were found.");
    }

    [GeneratedRegex(@"^```hyp\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex HypFence();

    [GeneratedRegex(@"^### (HYP\d{4}): (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
