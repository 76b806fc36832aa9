using HyperDsl.Runtime.Data;
using HyperDsl.TestKit;

namespace HyperDsl.Runtime.Tests.Data;

public sealed class CifarDataTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hyp-cifar-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void CIFAR_10_loads_the_five_training_batches_and_the_test_batch_as_3x32x32_images_with_their_class_names()
    {
        CifarFiles.WriteCifar10(_folder, perBatch: 20, test: 15);

        using var splits = CifarData.LoadCifar10(_folder);

        Assert.Equal(100, splits.Train.Count);
        Assert.Equal(15, splits.Test!.Count);
        Assert.Equal([3L, 32, 32], splits.Train.ImageShape);
        Assert.Equal(10, splits.Train.ClassCount);
        Assert.Equal(Enumerable.Repeat(10L, 10), splits.Train.ClassCounts());
        Assert.Equal("airplane", splits.Train.ClassNames![0]);
        Assert.Equal("truck", splits.Train.ClassNames[9]);
        Assert.InRange(splits.Train.Images.min().item<float>(), 0f, 1f);
        Assert.InRange(splits.Train.Images.max().item<float>(), 0f, 1f);
    }

    [Fact]
    public void The_pixels_are_read_as_red_then_green_then_blue_planes_scaled_to_one()
    {
        Directory.CreateDirectory(_folder);
        var record = new byte[1 + 3072];
        record[0] = 7;
        record[1] = 255;                      // red (0, 0)
        record[1 + 1024 + 33] = 51;           // green (1, 1)
        record[1 + 2048 + 1023] = 102;        // blue (31, 31)
        foreach (var file in CifarData.Cifar10.TrainFiles.Append(CifarData.Cifar10.TestFile))
        {
            File.WriteAllBytes(Path.Combine(_folder, file), record);
        }

        using var splits = CifarData.LoadCifar10(_folder);

        var images = splits.Test!.Images;
        Assert.Equal(7L, splits.Test.Labels[0].item<long>());
        Assert.Equal(1f, images[0, 0, 0, 0].item<float>());
        Assert.Equal(0.2f, images[0, 1, 1, 1].item<float>(), 5);
        Assert.Equal(0.4f, images[0, 2, 31, 31].item<float>(), 5);
        Assert.Equal(0f, images[0, 1, 0, 0].item<float>());
        Assert.Null(splits.Test.ClassNames);
    }

    [Fact]
    public void CIFAR_100_reads_the_fine_label_or_on_request_the_coarse_one()
    {
        CifarFiles.WriteCifar100(_folder, train: 200, test: 100);

        using var fine = CifarData.LoadCifar100(_folder);
        using var coarse = CifarData.LoadCifar100(_folder, coarse: true);

        Assert.Equal(100, fine.Train.ClassCount);
        Assert.Equal(20, coarse.Train.ClassCount);
        Assert.Equal(57L, fine.Train.Labels[57].item<long>());
        Assert.Equal(11L, coarse.Train.Labels[57].item<long>());
        Assert.Equal("superclass_11", coarse.Train.ClassNames![11]);
        Assert.Equal(100, fine.Test!.Count);
    }

    [Fact]
    public void The_archives_own_sub_folder_is_found_inside_a_named_folder()
    {
        CifarFiles.WriteCifar10(Path.Combine(_folder, "cifar-10-batches-bin"), perBatch: 2, test: 2);

        using var splits = CifarData.LoadCifar10(_folder);

        Assert.Contains("cifar-10-batches-bin", splits.Train.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_folder_lacking_files_is_an_error_naming_the_folder_and_the_missing_files()
    {
        CifarFiles.WriteCifar10(_folder, perBatch: 2, test: 2);
        File.Delete(Path.Combine(_folder, "data_batch_3.bin"));

        var error = Assert.Throws<DataFileException>(() => CifarData.LoadCifar10(_folder));

        Assert.Equal(_folder, error.FilePath);
        Assert.Contains("lacks data_batch_3.bin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_whole_records_says_to_use_the_binary_version()
    {
        CifarFiles.WriteCifar10(_folder, perBatch: 2, test: 2);
        File.WriteAllBytes(Path.Combine(_folder, "test_batch.bin"), new byte[5000]);

        var error = Assert.Throws<DataFileException>(() => CifarData.LoadCifar10(_folder));

        Assert.EndsWith("test_batch.bin", error.FilePath, StringComparison.Ordinal);
        Assert.Contains("binary version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CIFAR_100_files_read_as_CIFAR_10_fail_on_a_label_out_of_range_and_say_why()
    {
        CifarFiles.WriteCifar100(_folder, train: 50, test: 10);

        // CIFAR-100 bytes cut to whole CIFAR-10 records: the lengths pass, the record boundaries are wrong.
        var bytes = File.ReadAllBytes(Path.Combine(_folder, "train.bin"));
        foreach (var file in CifarData.Cifar10.TrainFiles.Append(CifarData.Cifar10.TestFile))
        {
            File.WriteAllBytes(Path.Combine(_folder, file), bytes[..(bytes.Length / 3073 * 3073)]);
        }

        var error = Assert.Throws<DataFileException>(() => CifarData.LoadCifar10(_folder));

        Assert.Contains("expected labels below 10", error.Message, StringComparison.Ordinal);
        Assert.Contains("CIFAR-100 records two", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_folder_the_error_lists_the_standard_places_and_where_to_get_the_data()
    {
        var previous = Environment.GetEnvironmentVariable(MnistFormatData.DataDirectoryVariable);
        Environment.SetEnvironmentVariable(MnistFormatData.DataDirectoryVariable, _folder);
        try
        {
            var error = Assert.Throws<DataFileException>(() => CifarData.LoadCifar100());

            Assert.Contains(Path.Combine(_folder, "cifar-100"), error.Message, StringComparison.Ordinal);
            Assert.Contains("cs.toronto.edu/~kriz/cifar.html", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(MnistFormatData.DataDirectoryVariable, previous);
        }
    }
}
