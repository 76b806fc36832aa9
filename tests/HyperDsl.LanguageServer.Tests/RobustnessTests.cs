using HyperDsl.LanguageServer.Analysis;
using HyperDsl.LanguageServer.Features;
using HyperDsl.TestKit;

namespace HyperDsl.LanguageServer.Tests;

/// <summary>Every feature answers, without throwing, anywhere in text being typed: each example cut off at several places.</summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> Examples => [.. RepositoryPaths.ExampleSpecs.Select(p => Path.GetRelativePath(RepositoryPaths.Examples, p))];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_feature_answers_anywhere_in_an_example_cut_off_anywhere(string example)
    {
        var path = Path.Combine(RepositoryPaths.Examples, example);
        var whole = File.ReadAllText(path);
        var uri = DocumentUris.FromPath(path);
        foreach (var length in Cuts(whole.Length, 8).Append(whole.Length))
        {
            var analysis = SpecAnalyzer.Analyze(uri, 1, whole[..length]);
            DocumentFormatter.Format(analysis);
            SemanticTokensProvider.Full(analysis);
            foreach (var offset in Cuts(length, 24))
            {
                CompletionProvider.At(analysis, analysis, offset);
                HoverProvider.At(analysis, offset);
                NavigationProvider.Definition(analysis, offset);
                NavigationProvider.References(analysis, offset, includeDeclaration: true);
                NavigationProvider.PrepareRename(analysis, offset);
            }
        }
    }

    [Fact]
    public void A_whole_example_answers_hover_and_definition_on_its_names()
    {
        var path = Path.Combine(RepositoryPaths.Examples, "residual-cnn.hyp");
        var analysis = SpecAnalyzer.Analyze(DocumentUris.FromPath(path), 1, File.ReadAllText(path));

        Assert.DoesNotContain(analysis.Diagnostics, d => d.IsError);
        var names = analysis.Index.Nodes.OfType<Syntax.Ast.NameSyntax>().ToList();
        Assert.NotEmpty(names);
        Assert.All(names.Where(n => NameResolver.Resolution(analysis, n) is Compiler.Binding.ParameterSymbol), n =>
        {
            Assert.NotNull(HoverProvider.At(analysis, n.Span.Range.Start));
            Assert.Single(NavigationProvider.Definition(analysis, n.Span.Range.Start));
        });
    }

    // 'count' offsets spread over [0, length].
    private static IEnumerable<int> Cuts(int length, int count) =>
        Enumerable.Range(0, count).Select(i => (int)((long)length * i / count)).Distinct();
}
