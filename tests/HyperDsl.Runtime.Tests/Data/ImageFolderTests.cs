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

    [Fact]
    public void A_folder_without_class_sub_folders_says_what_it_expected()
    {
        var error = Assert.Throws<DataFileException>(() => ImageFolder.Load(_root));

        Assert.Contains("expected one sub-folder per class", error.Message, StringComparison.Ordinal);
    }
}
