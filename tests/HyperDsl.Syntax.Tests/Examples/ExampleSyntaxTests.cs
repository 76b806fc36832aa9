using HyperDsl.Syntax.Ast;
using HyperDsl.TestKit;

namespace HyperDsl.Syntax.Tests.Examples;

public class ExampleSyntaxTests
{
    public static TheoryData<string> Examples() => new(RepositoryPaths.ExampleSpecs.Select(path => Path.GetRelativePath(RepositoryPaths.Examples, path)));

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_parses_without_diagnostics(string example)
    {
        var tree = ParseExample(example);

        Assert.Empty(tree.Diagnostics);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_ast_matches_its_baseline(string example)
    {
        var tree = ParseExample(example);

        BaselineAssert.Matches(SyntaxTreePrinter.Print(tree.Root), Path.Combine("Baselines", Path.ChangeExtension(example, ".ast.txt")));
    }

    private static SyntaxTree ParseExample(string example) =>
        SyntaxTree.Parse(File.ReadAllBytes(Path.Combine(RepositoryPaths.Examples, example)), example);
}
