using System.Buffers.Binary;
using System.IO.Compression;

namespace HyperDsl.Runtime.Data;

/// <summary>
/// Reads IDX files (the MNIST format: a big-endian header of magic and dimensions, then the
/// values), gzip-compressed or not; the gzip magic decides, not the file name.
/// </summary>
public static class IdxReader
{
    private const byte UnsignedByteType = 0x08;

    /// <summary>Reads an IDX file of unsigned bytes with <paramref name="expectedRank"/> dimensions.</summary>
    /// <exception cref="DataFileException">The file is missing, truncated or not such an IDX file.</exception>
    public static IdxArray Read(string path, int expectedRank)
    {
        byte[] bytes;
        try
        {
            bytes = ReadDecompressed(path);
        }
        catch (FileNotFoundException e)
        {
            throw new DataFileException(path, $"The data file '{path}' does not exist.", e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new DataFileException(path, $"The data file '{path}' does not exist (its folder is missing).", e);
        }
        catch (InvalidDataException e)
        {
            throw new DataFileException(path, $"The data file '{path}' starts like a gzip file but cannot be decompressed ({e.Message}); it is probably truncated. Download it again.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, $"The data file '{path}' cannot be read: {e.Message}", e);
        }

        return Parse(path, bytes, expectedRank);
    }

    private static byte[] ReadDecompressed(string path)
    {
        var raw = File.ReadAllBytes(path);
        if (raw.Length < 2 || raw[0] != 0x1f || raw[1] != 0x8b)
        {
            return raw;
        }

        using var input = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
        using var output = new MemoryStream(raw.Length * 4);
        input.CopyTo(output);
        return output.ToArray();
    }

    private static IdxArray Parse(string path, byte[] bytes, int expectedRank)
    {
        string Expected() => $"an IDX file of unsigned bytes with {expectedRank} dimension{(expectedRank == 1 ? "" : "s")} (magic 0x0000080{expectedRank})";
        if (bytes.Length >= 4 && (bytes[0] != 0 || bytes[1] != 0 || bytes[2] != UnsignedByteType || bytes[3] != expectedRank))
        {
            throw new DataFileException(path, $"The data file '{path}' is not {Expected()}: it starts with 0x{bytes[0]:x2}{bytes[1]:x2}{bytes[2]:x2}{bytes[3]:x2}.");
        }

        if (bytes.Length < 4 + (4 * expectedRank))
        {
            throw new DataFileException(path, $"The data file '{path}' is {bytes.Length} bytes long, too short for {Expected()}.");
        }

        var dimensions = new int[expectedRank];
        long total = 1;
        for (var i = 0; i < expectedRank; i++)
        {
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + (4 * i)));
            if (dimensions[i] <= 0)
            {
                throw new DataFileException(path, $"The data file '{path}' declares a dimension of size {dimensions[i]}; {Expected()} needs positive sizes.");
            }

            total *= dimensions[i];
        }

        var header = 4 + (4 * expectedRank);
        if (bytes.Length - header != total)
        {
            throw new DataFileException(path, $"The data file '{path}' declares {string.Join(" x ", dimensions)} = {total} values but holds {bytes.Length - header}; it is truncated or corrupt. Download it again.");
        }

        return new IdxArray(dimensions, bytes[header..]);
    }
}
