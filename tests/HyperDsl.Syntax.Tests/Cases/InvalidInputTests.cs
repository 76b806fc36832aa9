using HyperDsl.TestKit;

namespace HyperDsl.Syntax.Tests.Cases;

/// <summary>
/// Each <c>Invalid/*.hyp</c> file is a broken spec; its <c>.diagnostics.txt</c> baseline shows
/// every diagnostic (code, line, column, length, message) under the line it points at.
/// </summary>
public class InvalidInputTests
{
    private static readonly string CaseFolder = Path.Combine(RepositoryPaths.Root, "tests", "HyperDsl.Syntax.Tests", "Cases", "Invalid");

    public static TheoryData<string> Cases() =>
        new(Directory.EnumerateFiles(CaseFolder, "*.hyp").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Invalid_input_reports_the_baselined_diagnostics(string name)
    {
        var path = Path.Combine(CaseFolder, name + ".hyp");
        var tree = SyntaxTree.Parse(File.ReadAllBytes(path), name + ".hyp");

        Assert.Contains(tree.Diagnostics, d => d.IsError);
        BaselineAssert.MatchesFile(DiagnosticAnnotator.Annotate(tree.File, tree.Diagnostics), Path.Combine(CaseFolder, name + ".diagnostics.txt"));
    }
}
