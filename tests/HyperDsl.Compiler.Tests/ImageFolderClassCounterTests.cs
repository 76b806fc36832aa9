using HyperDsl.Compiler.Resolution;
using HyperDsl.Syntax;

namespace HyperDsl.Compiler.Tests;

/// <summary>
/// An image_folder without 'classes:' has its class folders counted at check time by a host that
/// reads folders (the CLI's FileSystemSourceResolver), so the model's outputs are checked against them.
/// </summary>
public sealed class ImageFolderClassCounterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-classes-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Spec(string dir, string head) => $$"""
        experiment e {
          params { {{(head.Contains("(n)", StringComparison.Ordinal) ? "n ~ choice(2, 3)" : "lr ~ loguniform(1e-4, 1e-1)")}} }
          data { source image_folder("{{dir}}"); resize 8; validation 20% }
          model { flatten; {{head}} }
          train { epochs 1; optimizer {{(head.Contains("(n)", StringComparison.Ordinal) ? "adam(lr: 1e-3)" : "adam(lr: lr)")}} }
          tune { objective maximize val_accuracy; trials 2 }
        }
        """;

    // As 'hyp check spec.hyp' does: the spec file's path, and the resolver that reads the disk.
    private HypCompilation Check(string dir, string head) =>
        HypCompilation.Create([SyntaxTree.Parse(Spec(dir, head), Path.Combine(_folder, "spec.hyp"))], new FileSystemSourceResolver());

    private void ClassFolders(string dir, params string[] classes)
    {
        foreach (var name in classes)
        {
            Directory.CreateDirectory(Path.Combine(_folder, dir, name));
        }
    }

    [Fact]
    public void A_head_with_fewer_outputs_than_class_folders_is_refused_at_check_time()
    {
        ClassFolders("images", "cat", "dog", "fox");
        File.WriteAllBytes(Path.Combine(_folder, "images", "notes.txt"), []);

        var error = Assert.Single(Check("images", "linear(2)").Diagnostics, d => d.IsError);

        Assert.Equal("HYP3105", error.Code);
        Assert.Contains("the data has 3 classes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/proc")]
    [InlineData("/sys")]
    public void A_folder_the_kernel_makes_up_is_not_listed(string dir)
    {
        Assert.True(Directory.Exists(dir), $"{dir} is where Linux mounts a kernel file system");

        Assert.DoesNotContain(Check(dir, "linear(2)").Diagnostics, d => d.Code is "HYP3105" or "HYP4040" or "HYP4041");
    }

    [Fact]
    public void A_head_with_one_output_per_class_folder_checks_clean()
    {
        ClassFolders("images", "cat", "dog", "fox");

        Assert.Empty(Check("images", "linear(3)").Diagnostics);
    }

    [Fact]
    public void An_absolute_folder_is_counted_where_it_is()
    {
        ClassFolders("elsewhere", "a", "b", "c");

        var error = Assert.Single(Check(Path.Combine(_folder, "elsewhere"), "linear(2)").Diagnostics, d => d.IsError);

        Assert.Equal("HYP3105", error.Code);
    }

    [Fact]
    public void Counted_classes_are_known_where_the_models_output_varies()
    {
        ClassFolders("images", "cat", "dog", "fox");

        var codes = Check("images", "linear(n)").Diagnostics.Where(d => d.IsError).Select(d => d.Code).ToList();

        Assert.DoesNotContain("HYP4015", codes);
        Assert.Contains("HYP3105", codes);
    }

    [Fact]
    public void A_folder_without_class_folders_is_refused()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "images"));
        File.WriteAllBytes(Path.Combine(_folder, "images", "cat.png"), []);

        var error = Assert.Single(Check("images", "linear(2)").Diagnostics, d => d.IsError);

        Assert.Equal("HYP4040", error.Code);
        Assert.Contains("holds no sub-folders", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_with_more_entries_than_are_listed_is_refused_without_listing_the_rest()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "images"));
        for (var i = 0; i <= ClassFolderListing.MaxEntries; i++)
        {
            File.WriteAllBytes(Path.Combine(_folder, "images", $"{i}.png"), []);
        }

        var error = Assert.Single(Check("images", "linear(2)").Diagnostics, d => d.IsError);

        Assert.Equal("HYP4041", error.Code);
        Assert.Contains($"more than {ClassFolderListing.MaxEntries} entries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_class_folders_than_labels_hold_are_refused()
    {
        ClassFolders("images", [.. Enumerable.Range(0, ClassFolderListing.MaxClasses + 1).Select(i => $"c{i:D3}")]);

        var error = Assert.Single(Check("images", "linear(2)").Diagnostics, d => d.IsError);

        Assert.Equal("HYP4041", error.Code);
    }

    [Fact]
    public void A_missing_folder_leaves_the_classes_to_the_run()
    {
        Assert.DoesNotContain(Check("missing", "linear(2)").Diagnostics, d => d.IsError);
    }

    [Fact]
    public void Given_classes_are_not_counted()
    {
        ClassFolders("images", "cat", "dog", "fox");
        var spec = Spec("images", "linear(2)").Replace("image_folder(\"images\")", "image_folder(\"images\", classes: 2)", StringComparison.Ordinal);

        var compilation = HypCompilation.Create([SyntaxTree.Parse(spec, Path.Combine(_folder, "spec.hyp"))], new FileSystemSourceResolver());

        Assert.DoesNotContain(compilation.Diagnostics, d => d.IsError);
    }

    [Fact]
    public void A_spec_checked_without_a_folder_reader_leaves_the_classes_to_the_run()
    {
        ClassFolders("images", "cat", "dog", "fox");

        var compilation = CompilationHelper.CompileText(Spec(Path.Combine(_folder, "images"), "linear(2)"));

        Assert.DoesNotContain(compilation.Diagnostics, d => d.IsError);
    }

    private HypCompilation CheckWithValidationFolder(string validation) =>
        HypCompilation.Create([SyntaxTree.Parse(Spec("images", "linear(3)").Replace("validation 20%", $"validation image_folder(\"{validation}\")", StringComparison.Ordinal), Path.Combine(_folder, "spec.hyp"))], new FileSystemSourceResolver());

    [Fact]
    public void A_validation_folder_with_a_class_the_training_folder_lacks_is_refused_at_check_time()
    {
        ClassFolders("images", "cat", "dog", "fox");
        ClassFolders("held-out", "cat", "wolf");

        var error = Assert.Single(CheckWithValidationFolder("held-out").Diagnostics, d => d.IsError);

        Assert.Equal("HYP4092", error.Code);
        Assert.Contains("'wolf'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_validation_folder_with_some_of_the_training_classes_checks_clean()
    {
        ClassFolders("images", "cat", "dog", "fox");
        ClassFolders("held-out", "dog", "fox");

        Assert.DoesNotContain(CheckWithValidationFolder("held-out").Diagnostics, d => d.IsError);
    }
}
