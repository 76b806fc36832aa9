using HyperDsl.Compiler.Catalog;

namespace HyperDsl.Compiler.Tests.Catalog;

/// <summary>
/// Each data source carries its meaning in its catalogue entry (issue 13): the images and classes
/// it gives and how generated code loads it, read by the shape check, the training checks and the
/// emitter, which know no source by name.
/// </summary>
public class DataSourceMeaningTests
{
    public static TheoryData<string> Sources() => new(BuiltinCatalog.NamesOf(EntryKind.DataSource).Order(StringComparer.Ordinal));

    [Fact]
    public void Every_data_source_has_a_source_meaning_and_no_other_entry_does()
    {
        Assert.All(BuiltinCatalog.Entries.Values, e => Assert.True((e.Kind == EntryKind.DataSource) == (e.Source is not null), e.Name));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void A_source_meaning_names_only_parameters_of_its_entry(string name)
    {
        var entry = BuiltinCatalog.Entries[name];
        var meaning = entry.Source!;
        string?[] named = [meaning.ShapeParameter, meaning.ChannelsParameter, meaning.ClassesParameter, .. meaning.Load.Arguments.Select(a => a.Parameter)];
        Assert.All(named.OfType<string>(), p => Assert.True(entry.Find(p) is not null, $"{name} has no parameter '{p}'"));
    }

    [Fact]
    public void Fashion_mnist_and_mnist_fix_one_channel_28_by_28_and_ten_classes()
    {
        foreach (var name in new[] { "fashion_mnist", "mnist" })
        {
            var meaning = BuiltinCatalog.Entries[name].Source!;
            Assert.Equal([1L, 28L, 28L], meaning.FixedShape.AsEnumerable());
            Assert.Equal(10, meaning.FixedClasses);
            Assert.True(meaning.LoadsSplits);
        }
    }

    [Fact]
    public void Only_sources_that_count_classes_when_loaded_take_an_optional_classes_argument()
    {
        Assert.All(BuiltinCatalog.Entries.Values.Where(e => e.Source is not null), e =>
            Assert.Equal(e.Source!.CountsClassesWhenLoaded, e.Source.ClassesParameter is { } p && !e.Find(p)!.Required));
    }

    [Fact]
    public void Only_an_image_folder_has_its_class_folders_counted_at_check_time_and_only_when_its_classes_are_left_out()
    {
        var counted = Assert.Single(BuiltinCatalog.Entries.Values, e => e.Source is { ClassFoldersParameter: not null });
        Assert.Equal("image_folder", counted.Name);
        Assert.True(counted.Source!.CountsClassesWhenLoaded);
        Assert.NotNull(counted.Find(counted.Source.ClassFoldersParameter!));
    }

    [Fact]
    public void The_image_file_folders_are_decoded_at_the_data_sections_size()
    {
        Assert.Equal(["image_folder", "segmentation_folder"], BuiltinCatalog.Entries.Values.Where(e => e.Source is { DecodesAtResize: true }).Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Input_that_contradicts_a_fixed_source_shape_is_refused_with_the_sources_shape()
    {
        var compilation = CompilationHelper.CompileText("""
            experiment e {
              data { source mnist(); input [3, 28, 28]; validation 20% }
              model { flatten; linear(10) }
              train { epochs 1; optimizer adam(lr: 1e-3) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """);
        var error = Assert.Single(compilation.Diagnostics, d => d.IsError);
        Assert.Equal("HYP4012", error.Code);
        Assert.Contains("'mnist' gives 1x28x28 images", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_folders_channels_default_to_its_entrys_default()
    {
        var compilation = CompilationHelper.CompileText("""
            experiment e {
              data { source image_folder("images", classes: 2); resize 8; validation 20% }
              model { flatten; linear(2) }
              train { epochs 1; optimizer adam(lr: 1e-3) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """);
        Assert.DoesNotContain(compilation.Diagnostics, d => d.IsError);
        Assert.Equal(["3x8x8"], Assert.Single(compilation.Experiments).Shapes!.Inputs);
    }
}
