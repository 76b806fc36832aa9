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
    public void The_search_path_starts_with_the_configured_folder_then_the_Debian_package_then_the_user_cache()
    {
        var places = MnistFormatData.SearchPath("fashion-mnist", "/data/fm");

        Assert.Equal("/data/fm", places[0]);
        Assert.Contains("/usr/share/datasets/fashion-mnist", places);
        Assert.EndsWith(Path.Combine(".cache", "hyperdsl", "datasets", "fashion-mnist"), places[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void When_no_folder_has_the_files_the_error_lists_them_and_says_how_to_get_the_data()
    {
        string[] places = ["/nonexistent/a", "/nonexistent/b"];

        var error = Assert.Throws<DataFileException>(() =>
            MnistFormatData.LoadFrom(places, firstIsConfigured: false, "Fashion-MNIST", MnistFormatData.FashionMnistHowToGet));

        Assert.Contains("/nonexistent/a, /nonexistent/b", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message, StringComparison.Ordinal);
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
}
