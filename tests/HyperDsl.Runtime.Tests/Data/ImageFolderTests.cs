using HyperDsl.Runtime.Data;
using SkiaSharp;

namespace HyperDsl.Runtime.Tests.Data;

public sealed class ImageFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hyp-images-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string className, string name, int width, int height, SKColor color, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, className)).FullName;
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        bitmap.Erase(color);
        using var data = bitmap.Encode(format, 100);
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    [Fact]
    public void Each_sub_folder_is_a_class_in_name_order_and_pixels_keep_their_colour()
    {
        Write("dog", "a.png", 4, 3, new SKColor(255, 0, 0));
        Write("cat", "b.png", 4, 3, new SKColor(0, 0, 255));
        Write("cat", "c.jpg", 4, 3, new SKColor(0, 0, 255), SKEncodedImageFormat.Jpeg);

        using var data = ImageFolder.Load(_root);

        Assert.Equal(["cat", "dog"], data.ClassNames);
        Assert.Equal([3L, 3, 3, 4], data.Images.shape);
        Assert.Equal([0L, 0, 1], data.Labels.data<long>().ToArray());
        Assert.Equal([0f, 0f, 1f], data.Images[0, .., 0, 0].data<float>().ToArray());
        Assert.Equal([1f, 0f, 0f], data.Images[2, .., 0, 0].data<float>().ToArray());
    }

    [Fact]
    public void Images_load_as_grey_and_resized_when_asked()
    {
        Write("a", "1.png", 5, 5, new SKColor(255, 255, 255));
        Write("b", "2.png", 9, 7, new SKColor(255, 255, 255));

        using var data = ImageFolder.Load(_root, channels: 1, height: 8, width: 6);

        Assert.Equal([2L, 1, 8, 6], data.Images.shape);
        Assert.Equal(1f, data.Images.min().item<float>(), 3);
    }

    [Fact]
    public void Images_of_different_sizes_without_a_resize_name_both_files()
    {
        var small = Write("a", "1.png", 5, 5, SKColors.Black);
        var large = Write("b", "2.png", 9, 7, SKColors.Black);

        var error = Assert.Throws<DataFileException>(() => ImageFolder.Load(_root));

        Assert.Equal(large, error.FilePath);
        Assert.Contains(small, error.Message, StringComparison.Ordinal);
        Assert.Contains("give a resize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_an_image_is_named_in_the_error()
    {
        Write("a", "1.png", 2, 2, SKColors.Black);
        var bad = Path.Combine(_root, "a", "2.png");
        File.WriteAllText(bad, "not an image");

        var error = Assert.Throws<DataFileException>(() => ImageFolder.Load(_root));

        Assert.Equal(bad, error.FilePath);
        Assert.Contains("expected a PNG or JPEG file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, "1.png")]
    [InlineData(SKEncodedImageFormat.Jpeg, "1.jpg")]
    public void A_truncated_image_is_an_error_naming_the_file(SKEncodedImageFormat format, string name)
    {
        var path = WriteNoise("a", name, 64, 64, format);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length * 6 / 10)]);

        var error = Assert.Throws<DataFileException>(() => ImageFolder.Load(_root));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("truncated or corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_whose_header_declares_a_huge_size_is_refused_before_it_is_decoded()
    {
        var path = Write("a", "1.png", 1, 1, SKColors.Black);
        var png = File.ReadAllBytes(path);

        // IHDR follows the 8-byte signature: length, "IHDR", width, height, ..., then a CRC over type and data.
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), 60_000);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), 60_000);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        File.WriteAllBytes(path, png);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<DataFileException>(() => ImageFolder.Load(_root));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("60000 x 60000", error.Message, StringComparison.Ordinal);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 64 << 20);
    }

    [Fact]
    public async Task A_file_that_is_not_a_regular_file_is_refused_without_reading_it()
    {
        Write("a", "1.png", 2, 2, SKColors.Black);
        var fifo = Path.Combine(_root, "a", "2.png");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
        }

        // A hang guard: opening a FIFO for reading blocks until someone writes to it.
        var loading = Task.Run(() => Assert.Throws<DataFileException>(() => ImageFolder.Load(_root)));
        Assert.Same(loading, await Task.WhenAny(loading, Task.Delay(TimeSpan.FromSeconds(10))));
        var error = await loading;
        Assert.Equal(fifo, error.FilePath);
        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_class_sub_folders_says_what_it_expected()
    {
        var error = Assert.Throws<DataFileException>(() => ImageFolder.Load(_root));

        Assert.Contains("expected one sub-folder per class", error.Message, StringComparison.Ordinal);
    }

    // The same listing cap as 'hyp check' (src/Shared/ImageClassFolders.cs): what checks clean loads, and what it refuses, the run refuses.
    [Fact]
    public void A_folder_with_more_entries_than_the_check_lists_is_refused_before_any_image_is_read()
    {
        Write("cat", "a.png", 2, 2, new SKColor(0, 0, 0));
        for (var i = 0; i < 4096; i++)
        {
            File.WriteAllBytes(Path.Combine(_root, $"{i}.txt"), []);
        }

        var error = Assert.Throws<DataFileException>(() => ImageFolder.Load(_root));

        Assert.Contains("more than 4096 entries", error.Message, StringComparison.Ordinal);
    }

    private string WriteNoise(string className, string name, int width, int height, SKEncodedImageFormat format)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, className)).FullName;
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var random = new Random(1);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            }
        }

        using var data = bitmap.Encode(format, 100);
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    // PNG's chunk checksum (CRC-32, polynomial 0xEDB88320), so that a doctored header still reads as valid.
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
