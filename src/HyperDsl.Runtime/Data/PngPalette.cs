using System.Buffers.Binary;
using System.IO.Compression;

namespace HyperDsl.Runtime.Data;

/// <summary>
/// Reads the palette indices of an indexed PNG mask whose palette has colours (PASCAL VOC's and
/// Cityscapes' style: each pixel stores its class as a palette index, shown in a colour). The image
/// decoder gives colours, and a palette may give one colour to several entries (unused ones are often
/// black, as the background is), so the indices are read from the file itself: IHDR, PLTE, the zlib
/// stream of IDAT chunks, and the scanline filters of the PNG specification.
/// </summary>
internal static class PngPalette
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// The palette index of every pixel (row-major) of an indexed PNG whose palette has a colour (not
    /// grey) entry; null for any other PNG, and for a palette of greys only (an optimiser's re-encoding
    /// of a greyscale mask), whose grey value is the class as in a greyscale mask.
    /// </summary>
    /// <exception cref="DataFileException">The file is an indexed PNG that cannot be read (interlaced, truncated, corrupt).</exception>
    public static byte[]? ColourIndices(string path, int width, int height)
    {
        using var file = File.OpenRead(path);
        Span<byte> header = stackalloc byte[8];
        if (file.ReadAtLeast(header, 8, throwOnEndOfStream: false) < 8 || !header.SequenceEqual(Signature))
        {
            return null;
        }

        var (bitDepth, indexed, interlaced, coloured) = (0, false, false, false);
        using var compressed = new MemoryStream();
        while (file.ReadAtLeast(header, 8, throwOnEndOfStream: false) == 8)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = System.Text.Encoding.ASCII.GetString(header[4..]);
            if (length > file.Length - file.Position)
            {
                throw new DataFileException(path, $"The mask '{path}' is a truncated PNG (its {type} chunk runs past the end of the file).");
            }

            switch (type)
            {
                case "IHDR" when length == 13:
                    var ihdr = Read(file, 13);
                    (bitDepth, indexed, interlaced) = (ihdr[8], ihdr[9] == 3, ihdr[12] != 0);
                    if (!indexed)
                    {
                        return null;
                    }

                    break;
                case "PLTE":
                    var entries = Read(file, (int)length);
                    for (var i = 0; i + 2 < entries.Length; i += 3)
                    {
                        coloured |= entries[i] != entries[i + 1] || entries[i + 1] != entries[i + 2];
                    }

                    if (!coloured)
                    {
                        return null;
                    }

                    break;
                case "IDAT" when indexed && coloured:
                    file.CopyBytesTo(compressed, (int)length);
                    break;
                case "IEND":
                    return indexed && coloured ? Unfilter(path, compressed, bitDepth, interlaced, width, height) : null;
                default:
                    file.Seek(length, SeekOrigin.Current);
                    break;
            }

            file.Seek(4, SeekOrigin.Current); // the chunk's CRC
        }

        return indexed && coloured ? Unfilter(path, compressed, bitDepth, interlaced, width, height) : null;
    }

    private static byte[] Read(Stream file, int length)
    {
        var bytes = new byte[length];
        file.ReadExactly(bytes);
        return bytes;
    }

    private static void CopyBytesTo(this Stream file, Stream into, int length)
    {
        var buffer = new byte[Math.Min(length, 81920)];
        while (length > 0)
        {
            var read = file.Read(buffer, 0, Math.Min(length, buffer.Length));
            if (read == 0)
            {
                throw new EndOfStreamException();
            }

            into.Write(buffer, 0, read);
            length -= read;
        }
    }

    // Scanlines of 1, 2, 4 or 8 bits per index, each after a filter byte (none, sub, up, average,
    // Paeth; one byte per pixel for the filters' purposes, as the specification says for depths <= 8).
    private static byte[] Unfilter(string path, MemoryStream compressed, int bitDepth, bool interlaced, int width, int height)
    {
        if (interlaced || bitDepth is not (1 or 2 or 4 or 8))
        {
            throw new DataFileException(path, $"The mask '{path}' is an {(interlaced ? "interlaced" : $"{bitDepth}-bit")} indexed PNG, which is not read; save it as a non-interlaced 8-bit indexed PNG.");
        }

        var stride = ((width * bitDepth) + 7) / 8;
        var raw = new byte[(long)(stride + 1) * height];
        compressed.Position = 0;
        try
        {
            using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
            zlib.ReadExactly(raw);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new DataFileException(path, $"The mask '{path}' has image data that does not decompress to its {width} x {height} size; the file is corrupt.");
        }

        var previous = new byte[stride];
        var line = new byte[stride];
        var indices = new byte[width * height];
        var perByte = 8 / bitDepth;
        var mask = (1 << bitDepth) - 1;
        for (var y = 0; y < height; y++)
        {
            var filter = raw[(long)y * (stride + 1)];
            Array.Copy(raw, ((long)y * (stride + 1)) + 1, line, 0, stride);
            for (var x = 0; x < stride; x++)
            {
                int left = x > 0 ? line[x - 1] : 0, up = previous[x], upLeft = x > 0 ? previous[x - 1] : 0;
                line[x] = (byte)(line[x] + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new DataFileException(path, $"The mask '{path}' has the unknown scanline filter {filter} in row {y}; the file is corrupt."),
                });
            }

            for (var x = 0; x < width; x++)
            {
                var shift = 8 - (bitDepth * ((x % perByte) + 1));
                indices[(y * width) + x] = (byte)((line[x / perByte] >> shift) & mask);
            }

            (previous, line) = (line, previous);
        }

        return indices;
    }

    private static int Paeth(int left, int up, int upLeft)
    {
        var estimate = left + up - upLeft;
        var (toLeft, toUp, toUpLeft) = (Math.Abs(estimate - left), Math.Abs(estimate - up), Math.Abs(estimate - upLeft));
        return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
    }
}
