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
            .Where(m => !m.Groups[1].Value.StartsWith("HYP0", StringComparison.Ordinal))
            .Select(m => $"{m.Groups[1].Value}: {m.Groups[2].Value.Trim()}");

        Assert.Equal(CompilerDiagnostics.All.Select(d => $"{d.Code}: {d.Title}"), documented);
    }

    [GeneratedRegex(@"^### (HYP\d{4}): (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
