using HyperDsl.Syntax.Text;
using HyperDsl.Syntax.Ast;
using static HyperDsl.Syntax.Tests.Parsing.ParseHelper;

namespace HyperDsl.Syntax.Tests.Parsing;

public class FileStructureTests
{
    [Theory]
    [InlineData("")]
    [InlineData("\n\n\n")]
    [InlineData("// only a comment")]
    [InlineData("/* only\n a block comment */\n")]
    [InlineData("\uFEFF")]
    public void A_file_without_declarations_is_valid_and_empty(string text)
    {
        Assert.Empty(ParseClean(text).Root.Members);
    }

    [Fact]
    public void A_file_holds_imports_blocks_and_several_experiments_in_order()
    {
        var root = ParseClean("""
            import "blocks/resnet.hyp"
            import "shared.hyp"

            block stem(width: int = 32, act: string?) {
              conv(width, kernel: 3)
              relu
            }

            experiment base {
              tune { trials 10 }
            }

            experiment wide extends base {
              tune { trials 80 }
            }
            """).Root;

        Assert.Collection(
            root.Members,
            m => Assert.Equal("blocks/resnet.hyp", Assert.IsType<ImportSyntax>(m).Path.Value),
            m => Assert.Equal("shared.hyp", Assert.IsType<ImportSyntax>(m).Path.Value),
            m =>
            {
                var block = Assert.IsType<BlockDeclarationSyntax>(m);
                Assert.Equal("stem", block.Name.Name);
                Assert.Equal("int", block.Parameters[0].Type!.Name.Name);
                Assert.Equal("32", Sexpr(block.Parameters[0].Default!));
                Assert.True(block.Parameters[1].Type!.IsOptional);
                Assert.Null(block.Parameters[1].Default);
                Assert.Equal(2, block.Body.Length);
            },
            m => Assert.Null(Assert.IsType<ExperimentSyntax>(m).Parent),
            m => Assert.Equal("base", Assert.IsType<ExperimentSyntax>(m).Parent!.Name));
    }

    [Fact]
    public void Blocks_may_omit_their_parameter_list()
    {
        var block = Assert.IsType<BlockDeclarationSyntax>(Assert.Single(ParseClean("block head { flatten; linear(10) }").Root.Members));

        Assert.Empty(block.Parameters);
        Assert.Equal(2, block.Body.Length);
    }

    [Fact]
    public void All_five_sections_parse_into_their_kinds()
    {
        var experiment = ParseExperiment("data { source mnist(\"d\") }\nparams { lr ~ loguniform(1e-4, 1e-1) }\nmodel { flatten }\ntrain { epochs 1 }\ntune { trials 1 }");

        Assert.Equal(
            [SectionKind.Data, SectionKind.Params, SectionKind.Model, SectionKind.Train, SectionKind.Tune],
            experiment.Sections.Select(s => s.Kind));
    }

    [Fact]
    public void Windows_and_old_mac_line_endings_parse_like_unix_ones()
    {
        var unix = "experiment e {\n  train {\n    epochs 3\n  }\n}\n";

        foreach (var text in new[] { unix.Replace("\n", "\r\n", StringComparison.Ordinal), unix.Replace("\n", "\r", StringComparison.Ordinal) })
        {
            var tree = ParseClean(text);
            var setting = Assert.IsType<SettingsSectionSyntax>(Assert.IsType<ExperimentSyntax>(Assert.Single(tree.Root.Members)).Sections[0]).Settings[0];
            Assert.Equal(new LinePosition(3, 5), setting.Span.Start);
        }
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat("experiment e {}\n"u8.ToArray()).ToArray();

        var tree = SyntaxTree.Parse(bytes, "bom.hyp");

        Assert.Empty(tree.Diagnostics);
        Assert.Equal(new LinePosition(1, 1), Assert.Single(tree.Root.Members).Span.Start);
    }
}
