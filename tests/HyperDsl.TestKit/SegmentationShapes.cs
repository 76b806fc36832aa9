using SkiaSharp;

namespace HyperDsl.TestKit;

/// <summary>
/// A small deterministic segmentation data set written as files, made by code (no binaries in the
/// repository): RGB PNG images of noise with a red rectangle and a green disc, and greyscale PNG masks
/// in the layout <c>segmentation_folder</c> reads (<c>images/NNN.png</c>, <c>masks/NNN.png</c>). Mask
/// classes: 0 background, 1 rectangle, 2 disc; the disc's rim is <see cref="IgnoreIndex"/>, as object
/// boundaries are in Pascal VOC.
/// </summary>
public static class SegmentationShapes
{
    /// <summary>The number of classes: background, rectangle, disc.</summary>
    public const int Classes = 3;

    /// <summary>The mask value of the disc's rim.</summary>
    public const int IgnoreIndex = 255;

    /// <summary>Writes <paramref name="count"/> image and mask pairs of <paramref name="side"/> x <paramref name="side"/> pixels under <paramref name="folder"/>.</summary>
    /// <returns>The images folder and the masks folder.</returns>
    public static (string Images, string Masks) Write(string folder, int count, int side = 32, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(side, 16);
        var images = Path.Combine(folder, "images");
        var masks = Path.Combine(folder, "masks");
        Directory.CreateDirectory(images);
        Directory.CreateDirectory(masks);
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var (pixels, classes) = Draw(side, random);
            var name = $"{i:D4}.png";
            Save(Path.Combine(images, name), pixels, side, SKColorType.Rgba8888);
            Save(Path.Combine(masks, name), classes, side, SKColorType.Gray8);
        }

        return (images, masks);
    }

    // One image: dim noise, then a rectangle, then a disc over it (the disc wins where they overlap).
    private static (byte[] Pixels, byte[] Classes) Draw(int side, Random random)
    {
        var pixels = new byte[side * side * 4];
        var classes = new byte[side * side];
        for (var p = 0; p < side * side; p++)
        {
            pixels[(p * 4) + 0] = (byte)random.Next(0, 90);
            pixels[(p * 4) + 1] = (byte)random.Next(0, 90);
            pixels[(p * 4) + 2] = (byte)random.Next(0, 90);
            pixels[(p * 4) + 3] = 255;
        }

        int x0 = random.Next(0, side / 2), y0 = random.Next(0, side / 2);
        int x1 = x0 + random.Next(side / 4, side / 2), y1 = y0 + random.Next(side / 4, side / 2);
        double cx = random.Next(side / 4, side * 3 / 4), cy = random.Next(side / 4, side * 3 / 4), radius = random.Next(side / 8, side / 4);
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                var p = (y * side) + x;
                var distance = Math.Sqrt(((x - cx) * (x - cx)) + ((y - cy) * (y - cy)));
                if (distance <= radius + 0.5)
                {
                    Paint(pixels, p, 40, 200 + random.Next(0, 50), 40);
                    classes[p] = distance > radius - 0.5 ? (byte)IgnoreIndex : (byte)2;
                }
                else if (x >= x0 && x < x1 && y >= y0 && y < y1)
                {
                    Paint(pixels, p, 200 + random.Next(0, 50), 40, 40);
                    classes[p] = 1;
                }
            }
        }

        return (pixels, classes);
    }

    private static void Paint(byte[] pixels, int p, int red, int green, int blue) =>
        (pixels[p * 4], pixels[(p * 4) + 1], pixels[(p * 4) + 2]) = ((byte)red, (byte)green, (byte)blue);

    private static void Save(string path, byte[] values, int side, SKColorType type)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(side, side, type, type == SKColorType.Gray8 ? SKAlphaType.Opaque : SKAlphaType.Unpremul));
        var bytesPerPixel = type == SKColorType.Gray8 ? 1 : 4;
        for (var row = 0; row < side; row++)
        {
            System.Runtime.InteropServices.Marshal.Copy(values, row * side * bytesPerPixel, bitmap.GetPixels() + (row * bitmap.RowBytes), side * bytesPerPixel);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException($"SkiaSharp could not encode '{path}' as PNG.");
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
