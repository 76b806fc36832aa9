using HyperDsl.Compiler.Catalog;

namespace HyperDsl.Compiler.Tests.Catalog;

/// <summary>
/// Each transform carries its meaning in its catalogue entry (issue 13): its effect on the image
/// size and how generated code makes it, read by the binder, the shape check and the emitter,
/// which know no transform by name.
/// </summary>
public class TransformMeaningTests
{
    public static TheoryData<string> Transforms() => new(BuiltinCatalog.NamesOf(EntryKind.Transform).Order(StringComparer.Ordinal));

    private static CatalogEntry Entry(string name) => BuiltinCatalog.Entries[name];

    [Fact]
    public void Every_transform_has_a_transform_meaning_and_no_other_entry_does()
    {
        Assert.All(BuiltinCatalog.Entries.Values, e => Assert.True((e.Kind == EntryKind.Transform) == (e.Transform is not null), e.Name));
    }

    [Theory]
    [MemberData(nameof(Transforms))]
    public void A_transform_that_sets_the_size_names_its_size_parameter(string name)
    {
        var meaning = Entry(name).Transform!;
        Assert.Equal(meaning.SetsSize, meaning.SizeParameter is not null);
        string?[] named = [meaning.SizeParameter, meaning.PaddingParameter, meaning.WrappedProbability];
        Assert.All(named.OfType<string>(), p => Assert.True(Entry(name).Find(p) is not null, $"{name} has no parameter '{p}'"));
    }

    [Fact]
    public void Crops_and_resizes_set_the_size_and_the_rest_keep_it()
    {
        Assert.Equal(["center_crop", "random_crop"], Named(ImageSizeEffect.Crops));
        Assert.Equal(["random_resized_crop", "resize"], Named(ImageSizeEffect.Resizes));
        Assert.DoesNotContain("rotate", Named(ImageSizeEffect.Crops).Concat(Named(ImageSizeEffect.Resizes)));
    }

    [Fact]
    public void Only_resize_and_center_crop_may_evaluate()
    {
        Assert.Equal(["center_crop", "resize"],
            BuiltinCatalog.Entries.Values.Where(e => e.Transform?.Evaluate is not null).Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Augmentation.Evaluate.Resize", Entry("resize").Transform!.Evaluate!.Method);
        Assert.Equal("Augmentation.Evaluate.CenterCrop", Entry("center_crop").Transform!.Evaluate!.Method);
    }

    [Fact]
    public void A_random_transform_in_evaluate_is_refused_at_its_name()
    {
        var compilation = CompilationHelper.CompileText("""
            experiment e {
              data { source synthetic(count: 8, shape: [1, 8, 8], classes: 2); evaluate { hflip() }; validation 20% }
              model { flatten; linear(2) }
              train { epochs 1; optimizer adam(lr: 1e-3) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """);
        var error = Assert.Single(compilation.Diagnostics, d => d.IsError);
        Assert.Equal("HYP1004", error.Code);
        Assert.StartsWith("'hflip' is a random transform", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("random_crop(6)", "1x6x6")]
    [InlineData("center_crop(4)", "1x4x4")]
    [InlineData("random_resized_crop(12)", "1x12x12")]
    [InlineData("resize(10)", "1x10x10")]
    [InlineData("rotate(10)", "1x8x8")]
    public void An_augment_transform_gives_the_model_the_size_its_meaning_says(string transform, string input)
    {
        // Evaluation resizes to the same size, as it must (HYP3117).
        var side = input.Split('x')[^1];
        var compilation = CompilationHelper.CompileText($$"""
            experiment e {
              data { source synthetic(count: 8, shape: [1, 8, 8], classes: 2); augment { {{transform}} }; evaluate { resize({{side}}) }; validation 20% }
              model { flatten; linear(2) }
              train { epochs 1; optimizer adam(lr: 1e-3) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """);
        Assert.DoesNotContain(compilation.Diagnostics, d => d.IsError);
        Assert.Equal([input], Assert.Single(compilation.Experiments).Shapes!.Inputs);
    }

    [Fact]
    public void A_crop_larger_than_the_padded_image_is_refused()
    {
        var compilation = CompilationHelper.CompileText("""
            experiment e {
              data { source synthetic(count: 8, shape: [1, 8, 8], classes: 2); augment { random_crop(12, padding: 1) }; validation 20% }
              model { flatten; linear(2) }
              train { epochs 1; optimizer adam(lr: 1e-3) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """);
        var error = Assert.Single(compilation.Diagnostics, d => d.IsError);
        Assert.Equal("HYP3107", error.Code);
        Assert.Contains("crops 12x12 out of 8x8 images padded by 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rotate(degrees: [1, 2, 3])", "", "'rotate' takes 'degrees' as a range [low, high], but it has 3 values: [1, 2, 3].")]
    [InlineData("random_resized_crop(8, scale: [0.5])", "", "'random_resized_crop' takes 'scale' as a range [low, high], but it has 1 value: [0.5].")]
    [InlineData("random_resized_crop(8, scale: sc)", "sc = [0.2, 0.5, 1.0]", "'random_resized_crop' takes 'scale' as a range [low, high], but it has 3 values: [0.2, 0.5, 1].")]
    [InlineData("rotate(degrees: if flat { [1, 2] } else { [1, 2, 3] })", "flat ~ choice(true, false)", "'rotate' takes 'degrees' as a range [low, high], but it has 3 values: [1, 2, 3].")]
    public void A_range_argument_without_two_values_is_refused_at_the_argument(string transform, string parameter, string message)
    {
        var compilation = CompilationHelper.CompileText($$"""
            experiment e {
              data { source synthetic(count: 8, shape: [1, 8, 8], classes: 2); augment { {{transform}} }; validation 20% }
              params { {{parameter}} }
              model { flatten; linear(2) }
              train { epochs 1; optimizer adam(lr: 1e-3) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """);
        var error = Assert.Single(compilation.Diagnostics, d => d.IsError);
        Assert.Equal("HYP4020", error.Code);

        // Where the range varies with the point, the message goes on to say at which points.
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(transform[(transform.IndexOf(':', StringComparison.Ordinal) + 2)..^1], error.Span.Text);
    }

    [Theory]
    [InlineData("rotate(degrees: r)", "r = [-5, 10]")]
    [InlineData("random_resized_crop(8, scale: sc)", "sc = [0.5, 1.0]")]
    public void A_range_held_by_a_parameter_with_two_values_checks_clean(string transform, string parameter)
    {
        var compilation = CompilationHelper.CompileText($$"""
            experiment e {
              data { source synthetic(count: 8, shape: [1, 8, 8], classes: 2); augment { {{transform}} }; validation 20% }
              params { {{parameter}} }
              model { flatten; linear(2) }
              train { epochs 1; optimizer adam(lr: 1e-3) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """);
        Assert.Empty(compilation.Diagnostics);
    }

    private static List<string> Named(ImageSizeEffect effect) =>
        [.. BuiltinCatalog.Entries.Values.Where(e => e.Transform?.Size == effect).Select(e => e.Name).Order(StringComparer.Ordinal)];
}
