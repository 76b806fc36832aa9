using System.IO.Compression;
using HyperDsl.Runtime.Data;

namespace HyperDsl.Runtime.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-idx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static byte[] Idx(byte rank, int[] dimensions, byte[] values) =>
        [0, 0, 8, rank, .. dimensions.SelectMany(d => BitConverter.GetBytes(d).Reverse()), .. values];

    private string Write(string name, byte[] bytes, bool gzip)
    {
        var path = Path.Combine(_folder, name);
        if (!gzip)
        {
            File.WriteAllBytes(path, bytes);
            return path;
        }

        using var file = File.Create(path);
        using var zip = new GZipStream(file, CompressionLevel.Fastest);
        zip.Write(bytes);
        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_dimensions_and_values_plain_or_gzipped(bool gzip)
    {
        var path = Write("images", Idx(3, [2, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), gzip);

        var array = IdxReader.Read(path, expectedRank: 3);

        Assert.Equal([2, 2, 3], array.Dimensions);
        Assert.Equal(12, array.Values.Length);
        Assert.Equal(12, array.Values[^1]);
    }

    [Fact]
    public void A_missing_file_is_named_in_the_error()
    {
        var path = Path.Combine(_folder, "nothing-here.gz");

        var error = Assert.Throws<DataFileException>(() => IdxReader.Read(path, 1));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_file_says_how_many_values_were_declared_and_found()
    {
        var path = Write("short", Idx(1, [5], [1, 2, 3]), gzip: false);

        var error = Assert.Throws<DataFileException>(() => IdxReader.Read(path, 1));

        Assert.Contains("declares 5 = 5 values but holds 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_of_the_wrong_kind_says_what_was_expected()
    {
        var path = Write("labels-not-images", Idx(1, [3], [1, 2, 3]), gzip: false);

        var error = Assert.Throws<DataFileException>(() => IdxReader.Read(path, expectedRank: 3));

        Assert.Contains("is not an IDX file of unsigned bytes with 3 dimensions (magic 0x00000803)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_gzip_file_is_reported_as_corrupt()
    {
        var good = File.ReadAllBytes(Write("whole.gz", Idx(1, [100], new byte[100]), gzip: true));
        var path = Write("broken.gz", good[..(good.Length / 2)], gzip: false);

        var error = Assert.Throws<DataFileException>(() => IdxReader.Read(path, 1));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 16, 1 << 30, 1 << 30 })]
    [InlineData(new[] { 1 << 16, 1 << 16, 1 << 16 })]
    [InlineData(new[] { int.MaxValue, int.MaxValue, 2 })]
    public void Dimensions_whose_product_overflows_are_rejected_naming_the_file(int[] dimensions)
    {
        var path = Write("huge", Idx(3, dimensions, []), gzip: false);

        var error = Assert.Throws<DataFileException>(() => IdxReader.Read(path, expectedRank: 3));

        Assert.Equal(path, error.FilePath);
        Assert.Contains(string.Join(" x ", dimensions), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_whose_dimensions_overflow_are_a_data_error_not_a_native_one()
    {
        var images = Write("i", Idx(3, [16, 1 << 30, 1 << 30], []), gzip: false);
        var labels = Write("l", Idx(1, [16], new byte[16]), gzip: false);

        var error = Assert.Throws<DataFileException>(() => IdxDataset.Load(images, labels));

        Assert.Equal(images, error.FilePath);
    }

    [Fact]
    public void A_gzip_file_declaring_far_more_values_than_it_holds_is_rejected_without_allocating_the_declared_size()
    {
        var path = Write("bomb.gz", Idx(3, [1000, 1000, 1000], new byte[100]), gzip: true);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<DataFileException>(() => IdxReader.Read(path, expectedRank: 3));

        Assert.Contains("declares 1000 x 1000 x 1000 = 1000000000 values but holds 100", error.Message, StringComparison.Ordinal);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 64 << 20);
    }

    [Fact]
    public void A_gzip_file_holding_more_values_than_declared_is_rejected()
    {
        var path = Write("long.gz", Idx(1, [3], [1, 2, 3, 4, 5]), gzip: true);

        var error = Assert.Throws<DataFileException>(() => IdxReader.Read(path, expectedRank: 1));

        Assert.Contains("declares 3 = 3 values but holds more", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_regular_file_is_refused_without_reading_it()
    {
        var fifo = Path.Combine(_folder, "train-images-idx3-ubyte");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
        }

        // A hang guard: opening a FIFO for reading blocks until someone writes to it.
        var reading = Task.Run(() => Assert.Throws<DataFileException>(() => IdxReader.Read(fifo, expectedRank: 3)));
        Assert.Same(reading, await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(10))));
        var error = await reading;
        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);

        var device = Assert.Throws<DataFileException>(() => IdxReader.Read("/dev/zero", expectedRank: 3));
        Assert.Contains("not a regular file", device.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symbolic_link_to_a_data_file_is_read_as_the_file()
    {
        var target = Write("labels", Idx(1, [3], [1, 2, 3]), gzip: true);
        var link = Path.Combine(_folder, "link");
        File.CreateSymbolicLink(link, target);

        Assert.Equal([1, 2, 3], IdxReader.Read(link, expectedRank: 1).Values);
    }

    [Fact]
    public void Images_and_labels_of_different_counts_are_rejected_naming_both_files()
    {
        var images = Write("i", Idx(3, [2, 1, 1], [0, 255]), gzip: false);
        var labels = Write("l", Idx(1, [3], [0, 1, 1]), gzip: false);

        var error = Assert.Throws<DataFileException>(() => IdxDataset.Load(images, labels));

        Assert.Contains("holds 3 labels but the image file", error.Message, StringComparison.Ordinal);
        Assert.Contains(images, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pixels_become_floats_between_zero_and_one()
    {
        var images = Write("i", Idx(3, [2, 1, 2], [0, 255, 51, 102]), gzip: false);
        var labels = Write("l", Idx(1, [2], [0, 1]), gzip: false);

        using var dataset = IdxDataset.Load(images, labels);

        Assert.Equal([2L, 1, 1, 2], dataset.Images.shape);
        Assert.Equal([0f, 1f, 0.2f, 0.4f], dataset.Images.data<float>().ToArray());
        Assert.Equal(2, dataset.ClassCount);
    }
}
