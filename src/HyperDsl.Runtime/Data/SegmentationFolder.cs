using static HyperDsl.Runtime.HeldScalars;
using SkiaSharp;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Data;

/// <summary>
/// Loads a segmentation data set (<c>segmentation_folder(images:, masks:, classes:)</c>): a folder of
/// PNG or JPEG images and a folder of masks, paired by file name without extension (<c>a.jpg</c> with
/// <c>a.png</c>). A mask is an 8-bit greyscale PNG (or a palette PNG with grey entries) the size of its
/// image, each pixel's value its class, or the ignore index for pixels no loss or metric counts; or an
/// indexed PNG with a colour palette (PASCAL VOC's), each pixel's palette index its class.
/// Images decode as <see cref="ImageFolder"/> decodes them; a mask is resized with nearest neighbours.
/// A list file (PASCAL VOC's <c>ImageSets/Segmentation/train.txt</c>) names the images to load, so
/// one folder of images can hold several splits and images without masks.
/// </summary>
public static class SegmentationFolder
{
    /// <summary>At most this many files are listed in either folder, so a huge folder cannot hang a load.</summary>
    public const int MaxFiles = 65536;

    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg" };
    private static readonly float[] LumaWeights = [0.299f, 0.587f, 0.114f];

    /// <summary>Loads every image of <paramref name="images"/> with its mask from <paramref name="masks"/>.</summary>
    /// <param name="images">The folder of PNG or JPEG images.</param>
    /// <param name="masks">The folder of PNG masks, one per image, named as the image.</param>
    /// <param name="classes">The number of classes: a mask value must be below it, or be <paramref name="ignoreIndex"/>.</param>
    /// <param name="ignoreIndex">The mask value of pixels that count for nothing (0 to 255).</param>
    /// <param name="channels">3 for RGB, 1 for grey (ITU-R 601 luma).</param>
    /// <param name="list">A text file naming the images to load, one name without extension per line (blank lines skipped), in that order; null for every image of the folder.</param>
    /// <param name="height">With <paramref name="width"/>, resize every image (bilinear) and mask (nearest) to this size; otherwise all images must have one size.</param>
    /// <param name="width">See <paramref name="height"/>.</param>
    /// <exception cref="DataFileException">A folder is missing or empty, the list names no image, an image it names is missing or named twice, an image has no mask, a mask is not greyscale, is not its image's size, or holds a value that is neither a class nor the ignore index.</exception>
    public static ImageDataset Load(string images, string masks, int classes, int ignoreIndex = 255, int channels = 3, string? list = null, int? height = null, int? width = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(masks);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classes, 255);
        if (ignoreIndex is < 0 or > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(ignoreIndex), ignoreIndex, "The ignore index is a mask value, from 0 to 255.");
        }

        if (channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Images load with 1 (grey) or 3 (RGB) channels.");
        }

        if (height is null != width is null || height < 1 || width < 1)
        {
            throw new ArgumentException("A resize needs both a positive height and a positive width.", nameof(height));
        }

        var pairs = list is null ? Pair(images, masks) : Listed(list, images, masks);
        TorchRuntime.EnsureInitialized();
        byte[]? pixels = null;
        byte[]? classMap = null;
        int rows = 0, columns = 0;
        string? first = null;
        for (var i = 0; i < pairs.Count; i++)
        {
            var (imagePath, maskPath) = pairs[i];
            using var native = ImageFolder.Decode(imagePath, null, null);
            using var mask = DecodeMask(maskPath, imagePath, native.Height, native.Width);
            using var bitmap = Resized(native, imagePath, height, width);
            if (first is null)
            {
                (first, rows, columns) = (imagePath, bitmap.Height, bitmap.Width);
                var total = (long)pairs.Count * rows * columns * 4;
                if (total > Array.MaxLength)
                {
                    throw new DataFileException(images, $"The image folder '{images}' holds {pairs.Count} images of {columns} x {rows}, more than one tensor can be filled from here; resize them smaller.");
                }

                pixels = new byte[total];
                classMap = new byte[(long)pairs.Count * rows * columns];
            }
            else if (bitmap.Height != rows || bitmap.Width != columns)
            {
                throw new DataFileException(imagePath, $"The image '{imagePath}' is {bitmap.Width} x {bitmap.Height}, but '{first}' is {columns} x {rows}; give a resize so that all images have one size.");
            }

            var span = bitmap.GetPixelSpan();
            var rowBytes = columns * 4;
            for (var r = 0; r < rows; r++)
            {
                span.Slice(r * bitmap.RowBytes, rowBytes).CopyTo(pixels.AsSpan((i * rows * columns * 4) + (r * rowBytes)));
            }

            ReadMask(mask, maskPath, PngPalette.ColourIndices(maskPath, mask.Width, mask.Height), rows, columns, classes, ignoreIndex, classMap.AsSpan(i * rows * columns, rows * columns));
        }

        using var scope = NewDisposeScope();
        var rgb = tensor(pixels!, [pairs.Count, rows, columns, 4]).narrow(3, 0, 3).permute(0, 3, 1, 2).to_type(ScalarType.Float32).div_(Integer(255));
        var x = channels == 3 ? rgb.contiguous() : rgb.mul(tensor(LumaWeights, [1, 3, 1, 1])).sum(1, keepdim: true);
        var y = tensor(classMap!, [pairs.Count, rows, columns]).to_type(ScalarType.Int64);
        var source = $"segmentation folders {images} and {masks}" + (list is null ? "" : $", the images listed in {list}");
        return new ImageDataset(x, y, classes) { Source = source, IgnoreIndex = ignoreIndex };
    }

    // Each image with the mask of the same name; a mask without an image is ignored, an image without a mask is an error.
    private static List<(string Image, string Mask)> Pair(string images, string masks)
    {
        var imageFiles = List(images, "image folder", ImageExtensions);
        var maskFiles = List(masks, "mask folder", new(StringComparer.OrdinalIgnoreCase) { ".png" })
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal);
        if (imageFiles.Count == 0)
        {
            throw new DataFileException(images, $"The image folder '{images}' holds no PNG or JPEG images (.png, .jpg, .jpeg).");
        }

        var pairs = new List<(string, string)>(imageFiles.Count);
        foreach (var image in imageFiles)
        {
            var name = Path.GetFileNameWithoutExtension(image);
            if (!maskFiles.TryGetValue(name, out var mask))
            {
                throw new DataFileException(image, $"The image '{image}' has no mask: expected '{Path.Combine(masks, name + ".png")}'. Every image needs a PNG mask of the same name.");
            }

            pairs.Add((image, mask));
        }

        return pairs;
    }

    // The images a list file names, each with its mask. A name is a file name without extension in the
    // image folder, never a path: the list is data the spec names, and must not reach other folders.
    private static List<(string Image, string Mask)> Listed(string list, string images, string masks)
    {
        foreach (var (folder, what) in new[] { (images, "image folder"), (masks, "mask folder") })
        {
            if (!Directory.Exists(folder))
            {
                throw new DataFileException(folder, $"The {what} '{folder}' does not exist.");
            }
        }

        var pairs = new List<(string, string)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in ReadList(list))
        {
            number++;
            var name = line.Trim();
            if (name.Length == 0)
            {
                continue;
            }

            if (name.IndexOfAny(['/', '\\', '\0']) >= 0 || name is "." or ".." || name.Contains(':', StringComparison.Ordinal))
            {
                throw new DataFileException(list, $"Line {number} of the list '{list}' is '{name}', which is not a file name; a list names images of the image folder by their names without extension (as '2007_000032').");
            }

            if (!seen.TryAdd(name, number))
            {
                throw new DataFileException(list, $"Line {number} of the list '{list}' names '{name}' again (first on line {seen[name]}); each image is listed once.");
            }

            if (pairs.Count == MaxFiles)
            {
                throw new DataFileException(list, $"The list '{list}' names more than {MaxFiles} images; split the data set.");
            }

            var image = ImageExtensions.Select(extension => Path.Combine(images, name + extension)).FirstOrDefault(File.Exists)
                ?? throw new DataFileException(list, $"Line {number} of the list '{list}' names '{name}', but the image folder '{images}' has no '{name}.png', '{name}.jpg' or '{name}.jpeg'.");
            var mask = Path.Combine(masks, name + ".png");
            if (!File.Exists(mask))
            {
                throw new DataFileException(image, $"The image '{image}' has no mask: expected '{mask}'. Every listed image needs a PNG mask of the same name.");
            }

            pairs.Add((image, mask));
        }

        return pairs.Count > 0 ? pairs : throw new DataFileException(list, $"The list '{list}' names no image; it should hold one image name per line.");
    }

    // A list is a small text file (VOC's longest is 200 KB): a bigger one is not a list, and is refused before it is read.
    private static string[] ReadList(string list)
    {
        const long MaxBytes = 16L << 20;
        var length = DataFiles.RegularFileLength(list, "list");
        if (length > MaxBytes)
        {
            throw new DataFileException(list, $"The list '{list}' is {length} bytes; a list of image names is far smaller (at most {MaxBytes >> 20} MiB).");
        }

        try
        {
            return File.ReadAllLines(list, System.Text.Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(list, $"The list '{list}' cannot be read: {e.Message}", e);
        }
    }

    private static List<string> List(string directory, string what, HashSet<string> extensions)
    {
        if (!Directory.Exists(directory))
        {
            throw new DataFileException(directory, $"The {what} '{directory}' does not exist.");
        }

        var files = new List<string>();
        var entries = 0;
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            if (++entries > MaxFiles)
            {
                throw new DataFileException(directory, $"The {what} '{directory}' holds more than {MaxFiles} files; split the data set or point at a smaller folder.");
            }

            if (extensions.Contains(Path.GetExtension(file)))
            {
                files.Add(file);
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    // A new copy of the image at height x width (bilinear, as ImageFolder resizes), or a copy at its own size.
    private static SKBitmap Resized(SKBitmap bitmap, string path, int? height, int? width) =>
        height is not { } h || width is not { } w || (bitmap.Height == h && bitmap.Width == w)
            ? bitmap.Copy()
            : bitmap.Resize(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None))
                ?? throw new DataFileException(path, $"The image '{path}' could not be resized to {w} x {h}.");

    private static SKBitmap DecodeMask(string path, string imagePath, int rows, int columns)
    {
        DataFiles.RegularFileLength(path, "mask");
        var bitmap = ImageFolder.Decode(path, null, null);
        var (height, width) = (bitmap.Height, bitmap.Width);
        if (height != rows || width != columns)
        {
            bitmap.Dispose();
            throw new DataFileException(path, $"The mask '{path}' is {width} x {height}, but its image '{imagePath}' is {columns} x {rows}; a mask must be the size of its image.");
        }

        return bitmap;
    }

    // A mask decodes to RGBA; a greyscale (or grey-palette) PNG has R = G = B = the class. It is
    // sampled at rows x columns with nearest neighbours at the points the image's bilinear resize reads
    // (pixel centres: source = floor((target + 1/2) x in / out), PyTorch's 'nearest-exact'), so a
    // resized mask holds only values that were there, each where its image pixel came from.
    // An indexed mask with colour entries (PASCAL VOC's) stores the class as the palette index, read
    // from the file (paletteIndices, row-major at the mask's own size) rather than from its colours.
    private static void ReadMask(SKBitmap bitmap, string path, byte[]? paletteIndices, int rows, int columns, int classes, int ignoreIndex, Span<byte> into)
    {
        var span = bitmap.GetPixelSpan();
        for (var r = 0; r < rows; r++)
        {
            var sourceRow = (int)((((2L * r) + 1) * bitmap.Height) / (2L * rows));
            var row = span.Slice(sourceRow * bitmap.RowBytes, bitmap.Width * 4);
            for (var c = 0; c < columns; c++)
            {
                var sourceColumn = (int)((((2L * c) + 1) * bitmap.Width) / (2L * columns));
                var (red, green, blue) = (row[sourceColumn * 4], row[(sourceColumn * 4) + 1], row[(sourceColumn * 4) + 2]);
                int value = red;
                if (paletteIndices is not null)
                {
                    value = paletteIndices[(sourceRow * bitmap.Width) + sourceColumn];
                }
                else if (red != green || green != blue)
                {
                    throw new DataFileException(path, $"The mask '{path}' has a colour pixel ({red}, {green}, {blue}) at row {sourceRow}, column {sourceColumn}; a mask is an 8-bit greyscale PNG whose value is the pixel's class, or an indexed PNG whose palette index is.");
                }

                if (value >= classes && value != ignoreIndex)
                {
                    throw new DataFileException(path, $"The mask '{path}' holds the value {value} at row {sourceRow}, column {sourceColumn}, but there are {classes} classes (0 to {classes - 1}) and the ignore index is {ignoreIndex}.");
                }

                into[(r * columns) + c] = (byte)value;
            }
        }
    }
}
