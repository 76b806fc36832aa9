using HyperDsl.Runtime.Data;

namespace HyperDsl.Runtime.Tests.Data;

public sealed class MnistFormatDataTests
{
    [Fact]
    public void The_small_Fashion_MNIST_subset_loads_as_6000_training_and_1000_test_images()
    {
        using var splits = TestData.LoadFashionMnistSmall();

        Assert.Equal(6000, splits.Train.Count);
        Assert.Equal(1000, splits.Test!.Count);
        Assert.Equal([1L, 28, 28], splits.Train.ImageShape);
        Assert.Equal(Enumerable.Repeat(600L, 10), splits.Train.ClassCounts());
        Assert.InRange(splits.Train.Images.max().item<float>(), 0.99f, 1f);
    }

    [Fact]
    public void The_standard_places_are_the_data_variable_then_the_Debian_package_then_the_user_cache()
    {
        var places = WithDataDirectory("/data", () => MnistFormatData.StandardPlaces("fashion-mnist"));

        Assert.Equal(["/data/fashion-mnist", "/usr/share/datasets/fashion-mnist"], places.Take(2));
        Assert.EndsWith(Path.Combine("hyperdsl", "datasets", "fashion-mnist"), places[^1], StringComparison.Ordinal);
        Assert.Equal(3, places.Count);
    }

    [Fact]
    public void When_no_standard_place_has_the_files_the_error_lists_the_places_and_says_how_to_get_the_data()
    {
        string[] places = ["/nonexistent/a", "/nonexistent/b"];

        var error = Assert.Throws<DataFileException>(() =>
            MnistFormatData.LoadFromFirst(places, "Fashion-MNIST", MnistFormatData.FashionMnistHowToGet));

        Assert.Contains("/nonexistent/a, /nonexistent/b", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_folder_without_the_files_is_an_error_naming_it_and_the_files_even_when_a_standard_place_has_them()
    {
        var standard = CopyOfTheSubset("fashion-mnist");
        try
        {
            var error = WithDataDirectory(Path.GetDirectoryName(standard)!, () =>
                Assert.Throws<DataFileException>(() => MnistFormatData.LoadFashionMnist("/nonexistent/path")));

            Assert.Equal("/nonexistent/path", error.FilePath);
            Assert.Contains("'/nonexistent/path'", error.Message, StringComparison.Ordinal);
            Assert.Contains("train-images-idx3-ubyte.gz", error.Message, StringComparison.Ordinal);
            Assert.Contains("t10k-labels-idx1-ubyte.gz", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(standard, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(standard)!, recursive: true);
        }
    }

    [Fact]
    public void Without_a_named_folder_the_first_standard_place_with_the_files_is_used_and_named_as_the_source()
    {
        var standard = CopyOfTheSubset("fashion-mnist");
        try
        {
            using var splits = WithDataDirectory(Path.GetDirectoryName(standard)!, () => MnistFormatData.LoadFashionMnist());

            Assert.Equal(6000, splits.Train.Count);
            Assert.Contains(standard, splits.Train.Source, StringComparison.Ordinal);
            Assert.Contains("standard place", splits.Train.Source, StringComparison.Ordinal);
            Assert.Equal(splits.Train.Source, splits.Test!.Source);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(standard)!, recursive: true);
        }
    }

    [Fact]
    public void A_named_folder_is_the_source_of_both_splits()
    {
        using var splits = TestData.LoadFashionMnistSmall();

        Assert.Equal($"Fashion-MNIST in {TestData.FashionMnistSmallDirectory}", splits.Train.Source);
        Assert.Equal(splits.Train.Source, splits.Test!.Source);
    }

    [Fact]
    public void A_configured_folder_with_some_files_missing_names_the_missing_ones()
    {
        var folder = Directory.CreateTempSubdirectory("hyp-fm-").FullName;
        try
        {
            File.Copy(Path.Combine(TestData.FashionMnistSmallDirectory, "train-images-idx3-ubyte.gz"), Path.Combine(folder, "train-images-idx3-ubyte.gz"));

            var error = Assert.Throws<DataFileException>(() => MnistFormatData.LoadFashionMnist(folder));

            Assert.Contains("lacks train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // A folder HYP_DATA_DIR can name: DIR/NAME holding the subset's four files.
    private static string CopyOfTheSubset(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Directory.CreateTempSubdirectory("hyp-data-dir-").FullName, name)).FullName;
        foreach (var file in Directory.GetFiles(TestData.FashionMnistSmallDirectory, "*-ubyte.gz"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }

    // The runtime tests run one at a time (AssemblyInfo.cs), so a process variable can be set for one.
    private static T WithDataDirectory<T>(string directory, Func<T> action)
    {
        var previous = Environment.GetEnvironmentVariable(MnistFormatData.DataDirectoryVariable);
        Environment.SetEnvironmentVariable(MnistFormatData.DataDirectoryVariable, directory);
        try
        {
            return action();
        }
        finally
        {
            Environment.SetEnvironmentVariable(MnistFormatData.DataDirectoryVariable, previous);
        }
    }
}
