using HyperDsl.Compiler.Checking;

namespace HyperDsl.Compiler.Tests;

/// <summary>Hand-computed shapes, parameter counts and FLOPs for each layer rule.</summary>
public class ShapeInferenceTests
{
    private static ShapeSummary Shapes(string model, string input = "[3, 32, 32]", int classes = 10, string block = "")
    {
        var compilation = CompilationHelper.CompileText($$"""
            experiment e {
              data { source synthetic(count: 5000, shape: {{input}}, classes: {{classes}}); validation 20% }
              model {
            {{model}}
              }
              train { epochs 1; optimizer adam(lr: 1e-3) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            {{block}}
            """);
        Assert.Empty(compilation.Diagnostics);
        return Assert.Single(compilation.Experiments).Shapes!;
    }

    private static string Error(string model, string input = "[3, 32, 32]")
    {
        var compilation = CompilationHelper.CompileText($$"""
            experiment e {
              data { source synthetic(count: 100, shape: {{input}}, classes: 10); validation 20% }
              params { depth ~ int(1, 6) }
              model {
            {{model}}
              }
              train { epochs 1; optimizer adam(lr: 1e-3) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """);
        return string.Join("\n", compilation.Diagnostics.Where(d => d.IsError).Select(d => $"{d.Code}: {d.Message}"));
    }

    [Theory]
    // 32 + 2*0 - 3 + 1 = 30; weights 16*3*3*3 + 16 biases = 448; flatten 16*30*30 = 14400 -> 144010
    [InlineData("conv(16, kernel: 3)", 448 + 144_010)]
    // 'same' keeps 32x32: 16*32*32 = 16384 features -> 163850
    [InlineData("conv(16, kernel: 3, padding: same)", 448 + 163_850)]
    [InlineData("conv(16, kernel: 3, padding: valid)", 448 + 144_010)]
    // padding 2, stride 2: (32 + 4 - 5) / 2 + 1 = 16; weights 8*3*5*5 + 8 = 608; 8*16*16 = 2048 -> 20490
    [InlineData("conv(8, kernel: 5, stride: 2, padding: 2)", 608 + 20_490)]
    // dilation 2 reaches 5: 32 - 5 + 1 = 28; 4*28*28 = 3136 -> 31370; weights 4*3*9 + 4 = 112
    [InlineData("conv(4, kernel: 3, dilation: 2)", 112 + 31_370)]
    // no bias: 16*3*3*3 = 432; batchnorm 2*16 = 32; pool 2 -> 15x15 -> 3600 -> 36010
    [InlineData("conv(16, kernel: 3, bias: false); batchnorm; maxpool(2)", 432 + 32 + 36_010)]
    // avgpool 3 stride 1 pad 1 keeps 32x32 on 3 channels: 3072 -> 30730
    [InlineData("avgpool(3, stride: 1, padding: 1)", 30_730)]
    // global average pooling: 3 features -> 3*10 + 10
    [InlineData("global_avgpool", 40)]
    public void Layers_have_the_parameter_counts_torch_would_build(string layers, long parameters)
    {
        var shapes = Shapes(layers + "\n    flatten\n    linear(10)");

        Assert.Equal(parameters, shapes.MinParameters);
        Assert.Equal(["3x32x32"], shapes.Inputs);
        Assert.Equal(["10"], shapes.Outputs);
    }

    [Fact]
    public void Flops_count_two_per_multiply_add()
    {
        // conv: 16 out * 30*30 positions * 3*3*3 inputs * 2; linear: 14400*10*2
        var shapes = Shapes("conv(16, kernel: 3)\n    flatten\n    linear(10)");

        Assert.Equal((2L * 16 * 30 * 30 * 27) + (2L * 14_400 * 10), shapes.MinFlops);
    }

    [Fact]
    public void A_residual_body_that_changes_channels_and_stride_gets_a_projection()
    {
        // body: conv 3->8 stride 2 (8*3*9+8 = 224) + bn 16; shortcut 1x1 3->8 (24) + bn (16); 8*16*16 = 2048 -> 20490
        var shapes = Shapes("residual {\n      conv(8, kernel: 3, stride: 2, padding: 1)\n      batchnorm\n    }\n    flatten\n    linear(10)");

        Assert.Equal(224 + 16 + 24 + 16 + 20_490, shapes.MinParameters);
    }

    [Theory]
    [InlineData("resnet18", 11_689_512)]
    [InlineData("resnet34", 21_797_672)]
    [InlineData("resnet50", 25_557_032)]
    [InlineData("resnet101", 44_549_160)]
    public void Resnets_have_torchvisions_parameter_counts(string backbone, long parameters)
    {
        var shapes = Shapes(backbone, "[3, 224, 224]", classes: 1000);

        Assert.Equal(parameters, shapes.MinParameters);
        Assert.Equal(["1000"], shapes.Outputs);
    }

    [Fact]
    public void Resnet18_forward_flops_are_twice_its_published_multiply_adds()
    {
        var shapes = Shapes("resnet18", "[3, 224, 224]", classes: 1000);

        // torchvision reports 1.814 GMACs for ResNet-18 at 224x224.
        Assert.InRange(shapes.MinFlops, 3_600_000_000, 3_660_000_000);
    }

    [Fact]
    public void Freezing_all_but_a_replaced_head_leaves_only_the_head_trainable()
    {
        var shapes = Shapes("resnet18\n    replace fc with linear(2)\n    freeze all except fc", "[3, 224, 224]", classes: 2);

        Assert.Equal((512 * 2) + 2, shapes.MinParameters);
        Assert.Equal(["2"], shapes.Outputs);
    }

    [Fact]
    public void Pooling_past_a_one_pixel_map_is_HYP3104_with_the_depth_that_breaks_it()
    {
        var message = Error("for i in 0 ..< depth { conv(8, padding: same); maxpool(2) }\n    flatten\n    linear(10)", "[1, 28, 28]");

        Assert.Equal("HYP3104: 'maxpool(2)' receives a 1x1 feature map, smaller than its 2x2 window, when depth = 5. This fails at 2 of the 6 points of the space.", message);
    }

    [Fact]
    public void A_kernel_larger_than_the_map_is_HYP3101_with_a_counterexample()
    {
        var message = Error("for i in 0 ..< depth { conv(8, kernel: 5); maxpool(2) }\n    flatten\n    linear(10)", "[1, 28, 28]");

        Assert.StartsWith("HYP3101: 'conv(8, kernel: 5)' receives a 4x4 feature map, smaller than its 5x5 kernel, when depth = 3.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Linear_on_a_feature_map_is_HYP3103()
    {
        Assert.StartsWith("HYP3103: 'linear(10)' receives a 3x32x32 feature map", Error("linear(10)"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_that_is_not_one_per_class_is_HYP3105()
    {
        Assert.StartsWith("HYP3105: The model ends with 5 outputs, but the data has 10 classes", Error("flatten\n    linear(5)"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_space_of_billions_of_architectures_is_checked_on_a_sample_that_includes_its_corners()
    {
        var parameters = string.Join("\n", Enumerable.Range(0, 20).Select(i => $"    p{i} ~ choice(1, 2, 3)"));
        var layers = string.Join("\n", Enumerable.Range(0, 20).Select(i => $"    conv(2 * p{i}, kernel: 1)"));
        var compilation = CompilationHelper.CompileText($$"""
            experiment big {
              data { source synthetic(count: 10, shape: [1, 4, 4], classes: 2); validation 20% }
              params {
            {{parameters}}
              }
              model {
            {{layers}}
                flatten
                linear(2)
              }
              train { epochs 1; optimizer adam(lr: 1e-3) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """);

        var experiment = Assert.Single(compilation.Experiments);
        Assert.Empty(compilation.Diagnostics);
        Assert.Equal(3_486_784_401, experiment.SpaceSize);
        Assert.False(experiment.Shapes!.Exhaustive);
        // All p = 1: 20 convs of 2 channels; all p = 3: of 6. Both corners are among the points walked.
        Assert.Equal((2 * 1) + 2 + (19 * ((2 * 2) + 2)) + ((2 * 16 * 2) + 2), experiment.Shapes.MinParameters);
        Assert.Equal((6 * 1) + 6 + (19 * ((6 * 6) + 6)) + ((6 * 16 * 2) + 2), experiment.Shapes.MaxParameters);
    }

    [Theory]
    // The first iteration changes the channels, the second keeps the shape: counted in closed form from there.
    [InlineData("conv(16, kernel: 3, padding: same); relu", 5)]
    // Every iteration halves the map until pooling 1x1 keeps it.
    [InlineData("conv(4, kernel: 1); maxpool(2, stride: 2, padding: 1)", 9)]
    // A block whose body repeats, inside a loop that repeats.
    [InlineData("pair(8)", 7)]
    // The loop variable changes every iteration: walked one by one.
    [InlineData("conv(4 + i, kernel: 1)", 6)]
    public void A_loop_counts_exactly_what_it_would_count_written_out(string body, int times)
    {
        const string Block = "\nblock pair(c: int) {\n  conv(c, kernel: 3, padding: same)\n  for _ in 0 ..< 2 { conv(c, kernel: 1); relu }\n}";
        var looped = Shapes($"    for i in 0 ..< {times} {{ {body} }}\n    flatten\n    linear(10)", block: Block);
        var written = Shapes(string.Concat(Enumerable.Range(0, times).Select(i => $"    {body.Replace("4 + i", $"4 + {i}", StringComparison.Ordinal)}\n")) + "    flatten\n    linear(10)", block: Block);

        Assert.Equal((written.MinParameters, written.MinFlops, written.Outputs[0]), (looped.MinParameters, looped.MinFlops, looped.Outputs[0]));
    }

    [Theory]
    // The mode changes no shape, parameters or FLOPs: each is conv(16, kernel: 3, padding: 1) on 3x32x32.
    [InlineData("zeros")]
    [InlineData("reflect")]
    [InlineData("replicate")]
    [InlineData("circular")]
    public void A_padding_mode_counts_as_zero_padding_does(string mode)
    {
        var zeros = Shapes("conv(16, kernel: 3, padding: 1)\n    flatten\n    linear(10)");
        var moded = Shapes($"conv(16, kernel: 3, padding: 1, padding_mode: {mode})\n    flatten\n    linear(10)");

        Assert.Equal((zeros.MinParameters, zeros.MinFlops, zeros.Outputs[0]), (moded.MinParameters, moded.MinFlops, moded.Outputs[0]));
    }

    [Theory]
    // 32 -> maxpool(8) -> 4x4: reflect pads at most 3, circular at most 4, replicate and zeros anything.
    [InlineData("padding: 3, padding_mode: reflect")]
    [InlineData("padding: 4, padding_mode: circular")]
    [InlineData("padding: 9, padding_mode: replicate")]
    [InlineData("kernel: 3, padding: same, padding_mode: reflect")]
    [InlineData("kernel: 4, padding: same")]
    public void Padding_that_fits_its_mode_checks_clean(string arguments)
    {
        Assert.Equal(string.Empty, Error($"maxpool(8)\n    conv(8, {arguments})\n    flatten\n    linear(10)"));
    }

    [Fact]
    public void Reflect_padding_as_wide_as_the_map_is_HYP3130_with_the_depth_that_breaks_it()
    {
        var message = Error("for i in 0 ..< depth { maxpool(2) }\n    conv(8, padding: 2, padding_mode: reflect)\n    flatten\n    linear(10)", "[1, 64, 64]");

        Assert.Equal("HYP3130: 'conv(8, padding: 2, padding_mode: reflect)' pads 2 pixels with padding_mode reflect on a 2x2 feature map; reflect needs padding below the map's smaller side (2), when depth = 5. This fails at 2 of the 6 points of the space.", message);
    }

    [Fact]
    public void Circular_padding_wider_than_the_map_is_HYP3130()
    {
        var message = Error("maxpool(8)\n    conv(8, padding: 5, padding_mode: circular)\n    flatten\n    linear(10)");

        Assert.Equal("HYP3130: 'conv(8, padding: 5, padding_mode: circular)' pads 5 pixels with padding_mode circular on a 4x4 feature map; circular needs padding of at most the map's smaller side (4).", message);
    }

    [Fact]
    public void Same_padding_of_a_reflected_even_kernel_is_HYP3131()
    {
        var message = Error("conv(8, kernel: 2, dilation: 3, padding: same, padding_mode: reflect)\n    flatten\n    linear(10)");

        Assert.StartsWith("HYP3131: 'conv(8, kernel: 2, dilation: 3, ", message, StringComparison.Ordinal);
        Assert.EndsWith("' asks for 'same' padding with padding_mode reflect, but its kernel spans 4 pixels; only an odd span pads both sides alike, which reflect needs.", message, StringComparison.Ordinal);
    }
}
