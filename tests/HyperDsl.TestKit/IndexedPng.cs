using System.Buffers.Binary;
using System.IO.Compression;

namespace HyperDsl.TestKit;

/// <summary>
/// Writes an 8-bit indexed (palette) PNG, as PASCAL VOC's masks are: SkiaSharp encodes only colour
/// and grey PNGs, so the chunks are written here (IHDR colour type 3, PLTE, one zlib IDAT, IEND).
/// </summary>
public static class IndexedPng
{
    /// <summary>Writes <paramref name="indices"/> (row-major, <paramref name="width"/> per row) with <paramref name="palette"/> (r, g, b per entry).</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="width">Pixels per row.</param>
    /// <param name="height">Rows.</param>
    /// <param name="indices">One palette index per pixel.</param>
    /// <param name="palette">The palette's colours.</param>
    /// <param name="filter">The scanline filter of every row (0 none, 1 sub, 2 up, 3 average, 4 Paeth), as encoders choose per row.</param>
    public static void Write(string path, int width, int height, byte[] indices, IReadOnlyList<(byte R, byte G, byte B)> palette, byte filter = 0)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(palette);
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 3; // colour type: indexed
        Chunk(png, "IHDR", header);
        Chunk(png, "PLTE", [.. palette.SelectMany(c => new[] { c.R, c.G, c.B })]);

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.WriteByte(filter);
                for (var x = 0; x < width; x++)
                {
                    int left = x > 0 ? indices[(y * width) + x - 1] : 0, up = y > 0 ? indices[((y - 1) * width) + x] : 0, upLeft = x > 0 && y > 0 ? indices[((y - 1) * width) + x - 1] : 0;
                    var predicted = filter switch
                    {
                        0 => 0,
                        1 => left,
                        2 => up,
                        3 => (left + up) / 2,
                        4 => Paeth(left, up, upLeft),
                        _ => 0, // an unknown filter: a corrupt file, as a test may want
                    };
                    zlib.WriteByte((byte)(indices[(y * width) + x] - predicted));
                }
            }
        }

        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        File.WriteAllBytes(path, png.ToArray());
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    private static int Paeth(int left, int up, int upLeft)
    {
        var estimate = left + up - upLeft;
        var (toLeft, toUp, toUpLeft) = (Math.Abs(estimate - left), Math.Abs(estimate - up), Math.Abs(estimate - upLeft));
        return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
    }

    // The PNG chunk checksum (ISO 3309 CRC-32) over the type and data.
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
