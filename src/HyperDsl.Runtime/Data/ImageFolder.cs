using static HyperDsl.Runtime.HeldScalars;
using HyperDsl.Shared;
using SkiaSharp;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Data;

/// <summary>
/// Loads an image folder (<c>image_folder(dir)</c>): one sub-folder per class, named after it,
/// holding PNG or JPEG files (decoded with SkiaSharp). Classes are numbered in ordinal order
/// of their folder names. Decoding runs once per image at load time; the result is one tensor.
/// </summary>
public static class ImageFolder
{
    private static readonly float[] LumaWeights = [0.299f, 0.587f, 0.114f];
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg" };

    /// <summary>Loads every image under <paramref name="directory"/>.</summary>
    /// <param name="directory">The folder with one sub-folder per class.</param>
    /// <param name="channels">3 for RGB, 1 for grey (ITU-R 601 luma).</param>
    /// <param name="height">With <paramref name="width"/>, resize every image (bilinear) to this size; otherwise all images must have one size.</param>
    /// <param name="width">See <paramref name="height"/>.</param>
    /// <exception cref="DataFileException">The folder is missing or empty, an image cannot be decoded, or sizes differ without a resize.</exception>
    public static ImageDataset Load(string directory, int channels = 3, int? height = null, int? width = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Images load with 1 (grey) or 3 (RGB) channels.");
        }

        if (height is null != width is null || height < 1 || width < 1)
        {
            throw new ArgumentException("A resize needs both a positive height and a positive width.", nameof(height));
        }

        var files = ListFiles(directory, out var classNames);
        TorchRuntime.EnsureInitialized();

        // RGBA bytes of every image, N x H x W x 4, filled one decoded image at a time.
        byte[]? pixels = null;
        int rows = height ?? 0, columns = width ?? 0;
        string? first = null;
        var labels = new byte[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            var (path, label) = files[i];
            labels[i] = (byte)label;
            using var bitmap = Decode(path, height, width);
            if (first is null)
            {
                (first, rows, columns) = (path, bitmap.Height, bitmap.Width);
                var total = (long)files.Count * rows * columns * 4;
                if (total > Array.MaxLength)
                {
                    throw new DataFileException(directory, $"The image folder '{directory}' holds {files.Count} images of {columns} x {rows}, more than one tensor can be filled from here; resize them smaller.");
                }

                pixels = new byte[total];
            }
            else if (bitmap.Height != rows || bitmap.Width != columns)
            {
                throw new DataFileException(path, $"The image '{path}' is {bitmap.Width} x {bitmap.Height}, but '{first}' is {columns} x {rows}; give a resize so that all images have one size.");
            }

            var span = bitmap.GetPixelSpan();
            var rowBytes = columns * 4;
            for (var r = 0; r < rows; r++)
            {
                span.Slice(r * bitmap.RowBytes, rowBytes).CopyTo(pixels.AsSpan((i * rows * columns * 4) + (r * rowBytes)));
            }
        }

        using var scope = NewDisposeScope();
        var rgb = tensor(pixels!, [files.Count, rows, columns, 4]).narrow(3, 0, 3).permute(0, 3, 1, 2).to_type(ScalarType.Float32).div_(Integer(255));
        var images = channels == 3
            ? rgb.contiguous()
            : rgb.mul(tensor(LumaWeights, [1, 3, 1, 1])).sum(1, keepdim: true);
        return new ImageDataset(images, tensor(labels).to_type(ScalarType.Int64), classNames.Count) { ClassNames = classNames, Source = $"image folder {directory}" };
    }

    private static List<(string Path, int Label)> ListFiles(string directory, out IReadOnlyList<string> classNames)
    {
        if (!Directory.Exists(directory))
        {
            throw new DataFileException(directory, $"The image folder '{directory}' does not exist.");
        }

        // The same rule (and listing cap) that 'hyp check' counts the classes with.
        var names = ImageClassFolders.List(directory)
            ?? throw new DataFileException(directory, $"The image folder '{directory}' holds more than {ImageClassFolders.MaxEntries} entries; expected one sub-folder per class.");
        var classes = names.Select(name => Path.Combine(directory, name)).ToList();
        if (classes.Count == 0)
        {
            throw new DataFileException(directory, $"The image folder '{directory}' holds no sub-folders; expected one sub-folder per class with that class's PNG or JPEG images.");
        }

        if (classes.Count > ImageClassFolders.MaxClasses)
        {
            throw new DataFileException(directory, $"The image folder '{directory}' holds {classes.Count} sub-folders; at most {ImageClassFolders.MaxClasses} classes are supported.");
        }

        var files = new List<(string, int)>();
        for (var label = 0; label < classes.Count; label++)
        {
            var images = Directory.GetFiles(classes[label]).Where(f => Extensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal).ToList();
            if (images.Count == 0)
            {
                throw new DataFileException(classes[label], $"The class folder '{classes[label]}' holds no PNG or JPEG images (.png, .jpg, .jpeg).");
            }

            files.AddRange(images.Select(f => (f, label)));
        }

        classNames = names;
        return files;
    }

    // Every image is checked before its pixels are allocated: a regular file, a size that one
    // array can hold, and a complete decode (Skia fills a truncated file's missing rows with zeros
    // and calls that success; here it is an error).
    internal static SKBitmap Decode(string path, int? height, int? width)
    {
        DataFiles.RegularFileLength(path, "image");
        using var codec = SKCodec.Create(path)
            ?? throw new DataFileException(path, $"The image '{path}' cannot be decoded; expected a PNG or JPEG file.");
        var (w0, h0) = (codec.Info.Width, codec.Info.Height);
        if (w0 < 1 || h0 < 1 || (long)w0 * h0 * 4 > Array.MaxLength)
        {
            throw new DataFileException(path, $"The image '{path}' declares {w0} x {h0} pixels, more than one image can have here; it is corrupt or far too large.");
        }

        var info = new SKImageInfo(w0, h0, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bitmap = new SKBitmap(info);
        var result = bitmap.GetPixels() == IntPtr.Zero ? SKCodecResult.InvalidParameters : codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new DataFileException(path, $"The image '{path}' is truncated or corrupt ({result}); expected a complete PNG or JPEG file.");
        }

        if (height is not { } h || width is not { } w || (bitmap.Height == h && bitmap.Width == w))
        {
            return bitmap;
        }

        using (bitmap)
        {
            return bitmap.Resize(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None))
                ?? throw new DataFileException(path, $"The image '{path}' could not be resized to {w} x {h}.");
        }
    }
}
