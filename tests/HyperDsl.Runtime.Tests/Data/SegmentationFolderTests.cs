using HyperDsl.Runtime.Data;
using HyperDsl.TestKit;
using SkiaSharp;

namespace HyperDsl.Runtime.Tests.Data;

public sealed class SegmentationFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hyp-segmentation-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Images => Path.Combine(_root, "images");

    private string Masks => Path.Combine(_root, "masks");

    private void WriteImage(string name, int width, int height)
    {
        Directory.CreateDirectory(Images);
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        bitmap.Erase(new SKColor(10, 20, 30));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(Path.Combine(Images, name), data.ToArray());
    }

    private void WriteMask(string name, int width, int height, Func<int, int, byte> value, SKColor? colour = null)
    {
        Directory.CreateDirectory(Masks);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, colour is null ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var v = value(x, y);
                bitmap.SetPixel(x, y, colour ?? new SKColor(v, v, v));
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(Path.Combine(Masks, name), data.ToArray());
    }

    [Fact]
    public void Images_pair_with_masks_of_the_same_name_and_mask_values_become_classes()
    {
        WriteImage("b.png", 4, 3);
        WriteImage("a.png", 4, 3);
        WriteMask("a.png", 4, 3, (x, _) => (byte)(x % 2));
        WriteMask("b.png", 4, 3, (x, y) => x == 0 && y == 0 ? (byte)255 : (byte)2);

        using var data = SegmentationFolder.Load(Images, Masks, classes: 3);

        Assert.True(data.HasMasks);
        Assert.Equal(255, data.IgnoreIndex);
        Assert.Equal([2L, 3, 3, 4], data.Images.shape);
        Assert.Equal([2L, 3, 4], data.Labels.shape);
        Assert.Equal([0L, 1, 0, 1], data.Labels[0, 0].data<long>().ToArray());
        Assert.Equal([255L, 2, 2, 2], data.Labels[1, 0].data<long>().ToArray());
    }

    [Fact]
    public void A_resize_takes_masks_by_nearest_neighbour_so_no_class_is_blended()
    {
        WriteImage("a.png", 4, 4);
        WriteMask("a.png", 4, 4, (x, _) => x < 2 ? (byte)0 : (byte)2);

        using var data = SegmentationFolder.Load(Images, Masks, classes: 3, height: 8, width: 8);

        Assert.Equal([1L, 8, 8], data.Labels.shape);
        Assert.Equal([0L, 0, 0, 0, 2, 2, 2, 2], data.Labels[0, 5].data<long>().ToArray());
    }

    // 12 columns to 8: the image's bilinear resize reads column 1.5 c + 0.25 for output column c, so the
    // mask takes the nearest column, floor(1.5 c + 0.75), not floor(1.5 c), which lags up to a pixel.
    [Fact]
    public void A_downsized_mask_takes_the_column_nearest_to_where_its_image_pixel_was_read()
    {
        WriteImage("a.png", 12, 2);
        WriteMask("a.png", 12, 2, (x, _) => (byte)x);

        using var data = SegmentationFolder.Load(Images, Masks, classes: 12, height: 2, width: 8);

        Assert.Equal([0L, 2, 3, 5, 6, 8, 9, 11], data.Labels[0, 1].data<long>().ToArray());
    }

    [Fact]
    public void An_image_without_a_mask_is_named_with_the_mask_it_needs()
    {
        WriteImage("a.png", 4, 3);
        WriteImage("b.png", 4, 3);
        WriteMask("a.png", 4, 3, (_, _) => 0);

        var error = Assert.Throws<DataFileException>(() => SegmentationFolder.Load(Images, Masks, classes: 2));

        Assert.Contains("has no mask", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(Masks, "b.png"), error.Message, StringComparison.Ordinal);
    }

    private string WriteList(string text)
    {
        var list = Path.Combine(_root, "train.txt");
        File.WriteAllText(list, text);
        return list;
    }

    // PASCAL VOC's layout: JPEGImages holds every image, SegmentationClass masks for some, and
    // ImageSets/Segmentation/train.txt names the ones of the split.
    [Fact]
    public void A_list_loads_the_images_it_names_in_its_order_and_skips_the_rest_of_the_folder()
    {
        WriteImage("a.png", 4, 3);
        WriteImage("b.png", 4, 3);
        WriteImage("no-mask.png", 4, 3);
        WriteMask("a.png", 4, 3, (_, _) => 0);
        WriteMask("b.png", 4, 3, (_, _) => 1);

        using var data = SegmentationFolder.Load(Images, Masks, classes: 2, list: WriteList("b\r\n\n  a  \n"));

        Assert.Equal([2L, 3, 4], data.Labels.shape);
        Assert.Equal([1L, 0], [data.Labels[0, 0, 0].item<long>(), data.Labels[1, 0, 0].item<long>()]);
        Assert.Contains("train.txt", data.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\nmissing\n", "Line 2 of the list", "has no 'missing.png', 'missing.jpg' or 'missing.jpeg'")]
    [InlineData("a\na\n", "Line 2 of the list", "names 'a' again (first on line 1)")]
    [InlineData("../masks/a\n", "Line 1 of the list", "is not a file name")]
    [InlineData("..\n", "Line 1 of the list", "is not a file name")]
    [InlineData("\n \n", "names no image", "one image name per line")]
    public void A_list_that_names_a_missing_image_a_repeat_or_a_path_is_refused_with_its_line(string text, string where, string what)
    {
        WriteImage("a.png", 4, 3);
        WriteMask("a.png", 4, 3, (_, _) => 0);

        var error = Assert.Throws<DataFileException>(() => SegmentationFolder.Load(Images, Masks, classes: 2, list: WriteList(text)));

        Assert.Contains(where, error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_listed_image_without_a_mask_is_named_with_the_mask_it_needs()
    {
        WriteImage("a.png", 4, 3);
        WriteImage("b.jpg", 4, 3);
        WriteMask("a.png", 4, 3, (_, _) => 0);

        var error = Assert.Throws<DataFileException>(() => SegmentationFolder.Load(Images, Masks, classes: 2, list: WriteList("a\nb\n")));

        Assert.Contains(Path.Combine(Masks, "b.png"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_that_is_missing_a_folder_or_not_a_file_is_refused()
    {
        WriteImage("a.png", 4, 3);
        WriteMask("a.png", 4, 3, (_, _) => 0);

        Assert.Contains("does not exist", Assert.Throws<DataFileException>(() => SegmentationFolder.Load(Images, Masks, classes: 2, list: Path.Combine(_root, "nope.txt"))).Message, StringComparison.Ordinal);
        Assert.Contains("is a folder", Assert.Throws<DataFileException>(() => SegmentationFolder.Load(Images, Masks, classes: 2, list: Masks)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mask_of_another_size_than_its_image_is_refused()
    {
        WriteImage("a.png", 4, 3);
        WriteMask("a.png", 3, 3, (_, _) => 0);

        var error = Assert.Throws<DataFileException>(() => SegmentationFolder.Load(Images, Masks, classes: 2));

        Assert.Contains("is 3 x 3, but its image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mask_value_that_is_neither_a_class_nor_the_ignore_index_is_refused_with_its_place()
    {
        WriteImage("a.png", 4, 3);
        WriteMask("a.png", 4, 3, (x, y) => x == 2 && y == 1 ? (byte)7 : (byte)0);

        var error = Assert.Throws<DataFileException>(() => SegmentationFolder.Load(Images, Masks, classes: 3, ignoreIndex: 255));

        Assert.Contains("holds the value 7 at row 1, column 2, but there are 3 classes (0 to 2) and the ignore index is 255", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_colour_mask_is_refused()
    {
        WriteImage("a.png", 4, 3);
        WriteMask("a.png", 4, 3, (_, _) => 0, new SKColor(200, 0, 0));

        var error = Assert.Throws<DataFileException>(() => SegmentationFolder.Load(Images, Masks, classes: 3));

        Assert.Contains("colour pixel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mask_that_is_not_a_regular_file_is_refused()
    {
        WriteImage("a.png", 4, 3);
        Directory.CreateDirectory(Path.Combine(Masks, "a.png"));

        // A folder named like the mask is not listed as a file: the image has no mask.
        var error = Assert.Throws<DataFileException>(() => SegmentationFolder.Load(Images, Masks, classes: 2));

        Assert.Contains("has no mask", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_synthetic_shapes_load_with_every_class_and_the_ignored_rim()
    {
        var (images, masks) = SegmentationShapes.Write(_root, count: 4, side: 32, seed: 1);

        using var data = SegmentationFolder.Load(images, masks, SegmentationShapes.Classes);

        Assert.Equal([4L, 3, 32, 32], data.Images.shape);
        var values = data.Labels.data<long>().ToArray().Distinct().Order().ToArray();
        Assert.Equal([0L, 1, 2, SegmentationShapes.IgnoreIndex], values);
    }

    // PASCAL VOC's colours: background black, aeroplane dark red, bicycle green; the border 255 cream.
    private static readonly (byte, byte, byte)[] VocPalette = [.. Enumerable.Range(0, 256).Select(i => i switch
    {
        1 => ((byte)128, (byte)0, (byte)0),
        2 => ((byte)0, (byte)128, (byte)0),
        255 => ((byte)224, (byte)224, (byte)192),
        _ => ((byte)0, (byte)0, (byte)0),
    })];

    [Fact]
    public void An_indexed_mask_with_a_colour_palette_gives_its_palette_indices_as_classes()
    {
        WriteImage("a.png", 4, 2);
        Directory.CreateDirectory(Masks);
        var palette = VocPalette.Select((c, i) => i is 0 or 1 or 2 or 255 ? c : ((byte)i, (byte)(i / 2), (byte)(255 - i))).ToArray();
        IndexedPng.Write(Path.Combine(Masks, "a.png"), 4, 2, [0, 1, 2, 255, 2, 2, 1, 0], palette);

        using var data = SegmentationFolder.Load(Images, Masks, classes: 3);

        Assert.Equal([0L, 1, 2, 255], data.Labels[0, 0].data<long>().ToArray());
        Assert.Equal([2L, 2, 1, 0], data.Labels[0, 1].data<long>().ToArray());
    }

    [Fact]
    public void An_indexed_mask_reads_its_indices_even_where_palette_entries_share_a_colour()
    {
        WriteImage("a.png", 3, 1);
        Directory.CreateDirectory(Masks);

        // VOC's palette as often written: unused entries black, as entry 0 (background) is.
        IndexedPng.Write(Path.Combine(Masks, "a.png"), 3, 1, [1, 0, 2], VocPalette);

        using var data = SegmentationFolder.Load(Images, Masks, classes: 3);

        Assert.Equal([1L, 0, 2], data.Labels[0, 0].data<long>().ToArray());
    }

    [Fact]
    public void An_indexed_mask_s_index_beyond_the_classes_is_refused()
    {
        WriteImage("a.png", 2, 1);
        Directory.CreateDirectory(Masks);
        IndexedPng.Write(Path.Combine(Masks, "a.png"), 2, 1, [1, 7], VocPalette);

        var error = Assert.Throws<DataFileException>(() => SegmentationFolder.Load(Images, Masks, classes: 3));
        Assert.Contains("holds the value 7", error.Message, StringComparison.Ordinal);
    }

    // Encoders pick a scanline filter per row (Pillow's, which wrote VOC's masks, adaptively): each
    // of the five must give back the indices, on rows that differ from the row above and within.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void An_indexed_mask_is_read_through_each_scanline_filter(byte filter)
    {
        WriteImage("a.png", 5, 3);
        Directory.CreateDirectory(Masks);
        byte[] indices = [0, 1, 2, 255, 1, 2, 2, 0, 1, 255, 255, 0, 0, 2, 1];
        IndexedPng.Write(Path.Combine(Masks, "a.png"), 5, 3, indices, VocPalette, filter);

        using var data = SegmentationFolder.Load(Images, Masks, classes: 3);

        Assert.Equal(indices.Select(i => (long)i).ToArray(), data.Labels[0].flatten().data<long>().ToArray());
    }
}
