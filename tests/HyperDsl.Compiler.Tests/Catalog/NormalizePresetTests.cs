using HyperDsl.Compiler.Catalog;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Tests.Catalog;

/// <summary>The keywords of 'normalize' live in one table, which the setting, the shape check and the emitter read.</summary>
public class NormalizePresetTests
{
    [Fact]
    public void The_normalize_setting_takes_exactly_the_presets_as_keywords()
    {
        var setting = BuiltinCatalog.Settings[(SectionKind.Data, "normalize")];
        Assert.Equal(NormalizePresets.All.Select(p => p.Name), setting.Arguments[0].Keywords);
    }

    [Fact]
    public void Imagenet_gives_three_rgb_means_and_stds_and_the_others_suit_any_channel_count()
    {
        var imagenet = NormalizePresets.Find("imagenet")!;
        Assert.Equal(3, imagenet.Channels);
        Assert.Equal([0.485, 0.456, 0.406], imagenet.Mean.AsEnumerable());
        Assert.Equal([0.229, 0.224, 0.225], imagenet.Std.AsEnumerable());
        Assert.Null(NormalizePresets.Find("auto")!.Channels);
        Assert.Null(NormalizePresets.Find("none")!.Channels);
    }

    [Fact]
    public void A_preset_with_fixed_statistics_names_them_and_has_one_std_per_mean()
    {
        Assert.All(NormalizePresets.All, p =>
        {
            Assert.Equal(p.Mean.Length, p.Std.Length);
            Assert.Equal(p.Channels is not null, p.StatisticsName is not null);
        });
    }

    [Theory]
    [InlineData(1, "'normalize imagenet' gives ImageNet's 3 RGB means and stds, but the images have 1 channel.")]
    [InlineData(4, "'normalize imagenet' gives ImageNet's 3 RGB means and stds, but the images have 4 channels.")]
    public void Imagenet_on_images_without_three_channels_is_refused(int channels, string message)
    {
        var compilation = CompilationHelper.CompileText($$"""
            experiment e {
              data { source synthetic(count: 8, shape: [{{channels}}, 8, 8], classes: 2); normalize imagenet; validation 20% }
              model { flatten; linear(2) }
              train { epochs 1; optimizer adam(lr: 1e-3) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """);
        var error = Assert.Single(compilation.Diagnostics, d => d.IsError);
        Assert.Equal("HYP4014", error.Code);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("none")]
    public void Presets_without_fixed_statistics_suit_one_channel(string preset)
    {
        var compilation = CompilationHelper.CompileText($$"""
            experiment e {
              data { source synthetic(count: 8, shape: [1, 8, 8], classes: 2); normalize {{preset}}; validation 20% }
              model { flatten; linear(2) }
              train { epochs 1; optimizer adam(lr: 1e-3) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """);
        Assert.DoesNotContain(compilation.Diagnostics, d => d.IsError);
    }
}
