using System.Text.RegularExpressions;
using HyperDsl.Syntax.Diagnostics;
using HyperDsl.TestKit;

namespace HyperDsl.Syntax.Tests.Docs;

/// <summary>Keeps docs/language.md and docs/diagnostics.md in step with the parser.</summary>
public partial class DocumentationTests
{
    private static string Read(string name) => File.ReadAllText(Path.Combine(RepositoryPaths.Docs, name));

    public static TheoryData<int, string> LanguageSnippets()
    {
        var data = new TheoryData<int, string>();
        foreach (var (line, code) in HypBlocks(Read("language.md")))
        {
            data.Add(line, code);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LanguageSnippets))]
    public void Every_hyp_snippet_in_the_language_reference_parses_cleanly(int line, string code)
    {
        var tree = SyntaxTree.Parse(code, $"docs/language.md:{line}");

        Assert.True(tree.Diagnostics.IsEmpty, $"The snippet at docs/language.md line {line} has diagnostics:\n" + string.Join("\n", tree.Diagnostics));
    }

    [Fact]
    public void Every_syntax_code_is_documented_with_its_title_and_nothing_else_is()
    {
        var documented = Heading().Matches(Read("diagnostics.md"))
            .Where(m => m.Groups[1].Value.StartsWith("HYP0", StringComparison.Ordinal) && !HostDiagnostics.All.Any(d => d.Code == m.Groups[1].Value))
            .Select(m => $"{m.Groups[1].Value}: {m.Groups[2].Value.Trim()}");

        Assert.Equal(SyntaxDiagnostics.All.Select(d => $"{d.Code}: {d.Title}"), documented);
    }

    [Fact]
    public void Every_example_in_the_diagnostics_reference_produces_its_code()
    {
        var text = Read("diagnostics.md");
        var headings = Heading().Matches(text).ToList();
        var checkedExamples = 0;
        foreach (var (line, code) in HypBlocks(text))
        {
            var offset = LineOffset(text, line);
            var heading = headings.Last(h => h.Index < offset).Groups[1].Value;
            if (!heading.StartsWith("HYP0", StringComparison.Ordinal))
            {
                continue; // the checker's codes are checked by HyperDsl.Compiler.Tests
            }

            var tree = SyntaxTree.Parse(code, "spec.hyp");

            Assert.True(tree.Diagnostics.Any(d => d.Code == heading), $"The example for {heading} (docs/diagnostics.md line {line}) gives:\n" + string.Join("\n", tree.Diagnostics));
            checkedExamples++;
        }

        Assert.True(checkedExamples >= 10, "The diagnostics reference lost its examples.");
    }

    private static IEnumerable<(int Line, string Code)> HypBlocks(string markdown)
    {
        foreach (Match match in HypFence().Matches(markdown))
        {
            yield return (markdown[..match.Index].Count(c => c == '\n') + 2, match.Groups[1].Value);
        }
    }

    private static int LineOffset(string text, int line)
    {
        var offset = 0;
        for (var i = 1; i < line; i++)
        {
            offset = text.IndexOf('\n', offset) + 1;
        }

        return offset;
    }

    [GeneratedRegex(@"^```hyp\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex HypFence();

    [GeneratedRegex(@"^### (HYP\d{4}): (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
