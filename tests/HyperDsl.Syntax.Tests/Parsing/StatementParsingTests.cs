using HyperDsl.Syntax.Ast;
using static HyperDsl.Syntax.Tests.Parsing.ParseHelper;

namespace HyperDsl.Syntax.Tests.Parsing;

public class StatementParsingTests
{
    [Fact]
    public void Layers_are_written_with_or_without_arguments()
    {
        var body = ParseModel("relu\nbatchnorm()\nconv(32, kernel: 3, padding: same)");

        var relu = Assert.IsType<LayerSyntax>(body[0]);
        Assert.Equal("relu", relu.Name.Name);
        Assert.False(relu.HasArgumentList);
        var batchnorm = Assert.IsType<LayerSyntax>(body[1]);
        Assert.True(batchnorm.HasArgumentList);
        Assert.Empty(batchnorm.Arguments);
        var conv = Assert.IsType<LayerSyntax>(body[2]);
        Assert.Equal(["", "kernel", "padding"], conv.Arguments.Select(a => a.Name?.Name ?? ""));
        Assert.Equal("same", Sexpr(conv.Arguments[2].Value));
    }

    [Fact]
    public void Semicolons_separate_statements_on_one_line()
    {
        Assert.Equal(3, ParseModel("conv(8); relu; maxpool(2)").Length);
    }

    [Fact]
    public void For_loops_over_a_range_with_a_body()
    {
        var loop = Assert.IsType<ForSyntax>(Assert.Single(ParseModel("for i in 0 ..< depth {\n  conv(width * 2^i)\n  relu\n}")));

        Assert.Equal("i", loop.Variable.Name);
        Assert.Equal("(..< 0 depth)", Sexpr(loop.Range));
        Assert.Equal(2, loop.Body.Length);
    }

    [Fact]
    public void For_loops_over_a_list()
    {
        var loop = Assert.IsType<ForSyntax>(Assert.Single(ParseModel("for k in [3, 5, 7] { conv(16, kernel: k) }")));

        Assert.Equal("[3 5 7]", Sexpr(loop.Range));
    }

    [Fact]
    public void If_statements_chain_with_else_if()
    {
        var outer = Assert.IsType<IfStatementSyntax>(Assert.Single(ParseModel(
            "if depth > 2 {\n  dropout(0.1)\n} else if depth > 1 {\n  relu\n}\nelse {\n  gelu\n}")));

        Assert.Equal("(> depth 2)", Sexpr(outer.Condition));
        var inner = Assert.IsType<IfStatementSyntax>(Assert.Single(outer.Else));
        Assert.Equal("(> depth 1)", Sexpr(inner.Condition));
        Assert.Equal("gelu", Assert.IsType<LayerSyntax>(Assert.Single(inner.Else)).Name.Name);
    }

    [Fact]
    public void If_without_else_has_an_empty_else()
    {
        var statement = Assert.IsType<IfStatementSyntax>(Assert.Single(ParseModel("if pool { maxpool(2) }")));

        Assert.Empty(statement.Else);
    }

    [Fact]
    public void Match_statements_take_blocks_or_single_statements()
    {
        var match = Assert.IsType<MatchStatementSyntax>(Assert.Single(ParseModel(
            "match act {\n  relu => relu\n  gelu | silu => {\n    gelu\n    dropout(0.1)\n  }\n  _ => leaky_relu(0.1)\n}")));

        Assert.Equal(3, match.Arms.Length);
        Assert.Single(match.Arms[0].Body);
        Assert.Equal(2, match.Arms[1].Patterns.Length);
        Assert.Equal(2, match.Arms[1].Body.Length);
        Assert.IsType<WildcardPatternSyntax>(Assert.Single(match.Arms[2].Patterns));
    }

    [Fact]
    public void Residual_wraps_a_body_and_takes_options()
    {
        var body = ParseModel("residual {\n  conv(64)\n  batchnorm\n}\nresidual(projection: conv) { conv(64, stride: 2) }");

        var plain = Assert.IsType<ResidualSyntax>(body[0]);
        Assert.Empty(plain.Arguments);
        Assert.Equal(2, plain.Body.Length);
        var projected = Assert.IsType<ResidualSyntax>(body[1]);
        Assert.Equal("projection", Assert.Single(projected.Arguments).Name!.Name);
    }

    [Fact]
    public void Freeze_all_except_lists_the_trainable_layers()
    {
        var body = ParseModel("resnet18(weights: \"r18.pt\")\nfreeze all except fc, layer4.1.conv2\nfreeze layer1, layer2");

        var all = Assert.IsType<FreezeSyntax>(body[1]);
        Assert.True(all.All);
        Assert.Equal(["fc", "layer4.1.conv2"], all.Layers.Select(l => string.Join(".", l.Segments.Select(s => s.Name))));
        var some = Assert.IsType<FreezeSyntax>(body[2]);
        Assert.False(some.All);
        Assert.Equal(2, some.Layers.Length);
    }

    [Fact]
    public void Freeze_all_alone_freezes_everything()
    {
        var freeze = Assert.IsType<FreezeSyntax>(Assert.Single(ParseModel("freeze all")));

        Assert.True(freeze.All);
        Assert.Empty(freeze.Layers);
    }

    [Fact]
    public void Save_concat_and_add_name_a_skip_connection()
    {
        var body = ParseModel("save enc1\nconv(8)\nconcat enc1\nadd enc1");

        Assert.Equal([(SkipKind.Save, "enc1"), (SkipKind.Concat, "enc1"), (SkipKind.Add, "enc1")],
            body.OfType<SkipSyntax>().Select(s => (s.Kind, s.Name.Name)));
        Assert.IsType<LayerSyntax>(body[1]);
    }

    [Fact]
    public void Save_concat_and_add_without_a_name_are_layers_and_names()
    {
        var body = ParseModel("add(16)\nsave\nconcat(x: save)\nsave add");

        Assert.Equal("add", Assert.IsType<LayerSyntax>(body[0]).Name.Name);
        Assert.Equal("save", Assert.IsType<LayerSyntax>(body[1]).Name.Name);
        var concat = Assert.IsType<LayerSyntax>(body[2]);
        Assert.Equal("save", Sexpr(concat.Arguments[0].Value));
        Assert.Equal("add", Assert.IsType<SkipSyntax>(body[3]).Name.Name);
    }

    [Fact]
    public void Replace_swaps_a_layer_for_another()
    {
        var replace = Assert.IsType<ReplaceSyntax>(Assert.Single(ParseModel("replace fc with linear(2)")));

        Assert.Equal("fc", Assert.Single(replace.Target.Segments).Name);
        Assert.Equal("linear", replace.Replacement.Name.Name);
    }

    [Fact]
    public void Empty_lines_and_comments_inside_blocks_are_ignored()
    {
        var body = ParseModel("\n\n  // a comment\n  relu /* inline */\n\n  /* block\n comment */\n\n  gelu\n\n");

        Assert.Equal(2, body.Length);
    }
}
