using Antlr4.Runtime;
using HyperDsl.Syntax.Formatting;
using HyperDsl.Syntax.Parsing.Generated;
using HyperDsl.TestKit;

namespace HyperDsl.Syntax.Tests.Formatting;

public class SpecFormatterTests
{
    public static TheoryData<string> Examples() => new(RepositoryPaths.ExampleSpecs.Select(path => Path.GetRelativePath(RepositoryPaths.Examples, path)));

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_is_already_in_canonical_form(string example)
    {
        var text = ReadExample(example);

        Assert.Equal(text, Format(text));
    }

    [Fact]
    public void A_messy_spec_formats_to_its_canonical_baseline()
    {
        var messy = File.ReadAllText(Path.Combine(Folder(), "messy.hyp"));

        BaselineAssert.Matches(Format(messy), "messy.formatted.hyp");
    }

    [Fact]
    public void Formatting_the_canonical_baseline_again_changes_nothing()
    {
        var canonical = File.ReadAllText(Path.Combine(Folder(), "messy.formatted.hyp"));

        Assert.Equal(canonical, Format(canonical));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Formatting_keeps_every_token_and_every_comment_of_an_example(string example)
    {
        var text = Scramble(ReadExample(example));

        var formatted = Format(text);

        Assert.Equal(Significant(text), Significant(formatted));
        Assert.Equal(Comments(text), Comments(formatted));
        Assert.Equal(formatted, Format(formatted));
    }

    // The fuzz corpus: huge lines, deep chains, odd characters. Those that parse cleanly format
    // to the same tokens and comments, once and for all (the others must be refused).
    public static TheoryData<string> CorpusInputs() =>
        new(Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "tests", "HyperDsl.Fuzz", "Corpus"), "*.hyp").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(CorpusInputs))]
    public void A_fuzz_corpus_input_keeps_its_tokens_and_comments_or_is_refused_with_its_errors(string input)
    {
        var tree = SyntaxTree.Parse(File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "tests", "HyperDsl.Fuzz", "Corpus", input)), input);

        var result = SpecFormatter.Format(tree);

        if (tree.HasErrors)
        {
            Assert.Equal((null, tree.Diagnostics), (result.Text, result.Diagnostics));
            return;
        }

        Assert.Equal(Significant(tree.File.Text), Significant(result.Text!));
        Assert.Equal(Comments(tree.File.Text), Comments(result.Text!));
        Assert.Equal(result.Text, Format(result.Text!));
    }

    [Fact]
    public void The_messy_spec_keeps_every_token_and_comment()
    {
        var messy = File.ReadAllText(Path.Combine(Folder(), "messy.hyp"));

        var formatted = Format(messy);

        Assert.Equal(Significant(messy), Significant(formatted));
        Assert.Equal(Comments(messy), Comments(formatted));
        Assert.Equal(10, Comments(formatted).Count);
    }

    [Fact]
    public void A_spec_with_syntax_errors_is_not_formatted_and_its_diagnostics_are_returned()
    {
        var result = SpecFormatter.Format("experiment e {\n  params {\n    lr ~\n  }\n}\n", "bad.hyp");

        Assert.False(result.Succeeded);
        Assert.Null(result.Text);
        Assert.Contains(result.Diagnostics, diagnostic => diagnostic.Code == "HYP0010");
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("\n\n", "")]
    [InlineData("// only a comment", "// only a comment\n")]
    [InlineData("experiment e {}\n\n\n", "experiment e {}\n")]
    [InlineData("experiment e {\r\n  model {relu}\r\n}\r\n", "experiment e {\r\n  model { relu }\r\n}\r\n")]
    public void Ends_blank_lines_and_line_endings_are_canonical(string input, string expected)
    {
        Assert.Equal(expected, Format(input));
    }

    [Theory]
    [InlineData("x = 2 ^ -1", "x = 2^-1")]
    [InlineData("x = - 1", "x = -1")]
    [InlineData("x = a . b", "x = a.b")]
    [InlineData("x = not(a)", "x = not (a)")]
    [InlineData("x = [ 1 , 2 ]", "x = [1, 2]")]
    [InlineData("x = f ( a : 1 )", "x = f(a: 1)")]
    [InlineData("x = a [ 0 ]", "x = a[0]")]
    [InlineData("x = 1..3", "x = 1 .. 3")]
    [InlineData("x = 1e-3*100k", "x = 1e-3 * 100k")]
    [InlineData("x = a/*c*/+b", "x = a /*c*/ + b")]
    [InlineData("x = [1,   2,   ]", "x = [1,   2,]")]
    public void Spacing_around_operators_is_canonical(string member, string expected)
    {
        var formatted = Format($"experiment e {{\n  params {{\n    {member}\n  }}\n}}\n");

        Assert.Equal($"experiment e {{\n  params {{\n    {expected}\n  }}\n}}\n", formatted);
    }

    [Theory]
    [InlineData("    lr ~ choice(1, 2)\n    require   lr > 1\n    optimizer ~ choice(a, b)", "    lr        ~ choice(1, 2)\n    require   lr > 1\n    optimizer ~ choice(a, b)")]
    [InlineData("    lr ~ choice(1, 2)\n    require lr > 1\n    optimizer ~ choice(a, b)", "    lr        ~ choice(1, 2)\n    require lr > 1\n    optimizer ~ choice(a, b)")]
    [InlineData("    lr ~ choice(1, 2) // one space\n    w ~ choice(3, 4)      // a column", "    lr ~ choice(1, 2) // one space\n    w  ~ choice(3, 4)     // a column")]
    [InlineData("    lr ~ choice(1, 2)\n        when a > 1", "    lr ~ choice(1, 2)\n         when a > 1")]
    public void Parameters_line_up_as_the_examples_do(string members, string expected)
    {
        var formatted = Format($"experiment e {{\n  params {{\n{members}\n  }}\n}}\n");

        Assert.Equal($"experiment e {{\n  params {{\n{expected}\n  }}\n}}\n", formatted);
    }

    [Fact]
    public void Settings_and_match_arms_line_up_and_block_settings_stand_apart()
    {
        const string input = "experiment e {\n  data {\n    source synthetic()\n    validation 10%\n    augment { hflip }\n  }\n  train {\n    epochs 2\n    optimizer match o {\n      adam => adam(lr: 0.1)\n      sgd | nesterov => sgd(lr: 0.1)\n    }\n  }\n}\n";
        const string expected = "experiment e {\n  data {\n    source     synthetic()\n    validation 10%\n    augment { hflip }\n  }\n  train {\n    epochs    2\n    optimizer match o {\n      adam           => adam(lr: 0.1)\n      sgd | nesterov => sgd(lr: 0.1)\n    }\n  }\n}\n";

        Assert.Equal(expected, Format(input));
    }

    private static string Format(string text)
    {
        var result = SpecFormatter.Format(text);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Text!;
    }

    // The same spec with its layout spoiled: every run of spaces doubled, lines indented by a tab.
    private static string Scramble(string text) =>
        string.Join("\n", text.Split('\n').Select(line => line.Length == 0 || line.TrimStart().StartsWith('*') ? line : "\t" + line.Trim().Replace(" ", "  ", StringComparison.Ordinal)));

    private static List<string> Significant(string text) =>
        [.. Tokens(text).Where(token => token.Channel == TokenConstants.DefaultChannel && token.Type != HypLexer.NL).Select(token => token.Text)];

    // A block comment's later lines move with its first, so their indentation is not compared.
    private static List<string> Comments(string text) =>
        [.. Tokens(text).Where(token => token.Type is HypLexer.LINE_COMMENT or HypLexer.BLOCK_COMMENT).Select(token => string.Join("\n", token.Text.Split('\n').Select(line => line.Trim())))];

    private static IList<IToken> Tokens(string text) => new HypLexer(new AntlrInputStream(text)).GetAllTokens();

    private static string ReadExample(string example) => File.ReadAllText(Path.Combine(RepositoryPaths.Examples, example));

    private static string Folder([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
