using System.Buffers.Binary;
using System.IO.Compression;

namespace HyperDsl.Runtime.Data;

/// <summary>
/// Reads IDX files (the MNIST format: a big-endian header of magic and dimensions, then the
/// values), gzip-compressed or not; the gzip magic decides, not the file name. Every size in the
/// header is checked (positive, a product without overflow that one array can hold, and exactly
/// what the file holds) before the values are read, so a corrupt or hostile header is an error
/// naming the file, never an overflow, a huge allocation or a native error later.
/// </summary>
public static class IdxReader
{
    private const byte UnsignedByteType = 0x08;

    // Decompressed values are read in growing steps, so a small gzip file that declares a huge
    // size costs what it really holds, not what it claims.
    private const int FirstStep = 1 << 20;

    /// <summary>Reads an IDX file of unsigned bytes with <paramref name="expectedRank"/> dimensions.</summary>
    /// <exception cref="DataFileException">The file is missing, not a regular file, truncated, too large or not such an IDX file.</exception>
    public static IdxArray Read(string path, int expectedRank)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(expectedRank, 1);
        var length = DataFiles.RegularFileLength(path, "data file");
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            var magic = new byte[2];
            var compressed = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
            file.Position = 0;
            if (!compressed)
            {
                return Parse(path, file, expectedRank, length);
            }

            using var input = new GZipStream(file, CompressionMode.Decompress);
            return Parse(path, input, expectedRank, storedLength: null);
        }
        catch (InvalidDataException e)
        {
            throw new DataFileException(path, $"The data file '{path}' starts like a gzip file but cannot be decompressed ({e.Message}); it is probably truncated. Download it again.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, $"The data file '{path}' cannot be read: {e.Message}", e);
        }
    }

    // storedLength: the file's length when it is not compressed (checked before any value is read).
    private static IdxArray Parse(string path, Stream input, int expectedRank, long? storedLength)
    {
        string Expected() => $"an IDX file of unsigned bytes with {expectedRank} dimension{(expectedRank == 1 ? "" : "s")} (magic 0x0000080{expectedRank})";
        var header = new byte[4 + (4 * expectedRank)];
        var read = input.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (read >= 4 && (header[0] != 0 || header[1] != 0 || header[2] != UnsignedByteType || header[3] != expectedRank))
        {
            throw new DataFileException(path, $"The data file '{path}' is not {Expected()}: it starts with 0x{header[0]:x2}{header[1]:x2}{header[2]:x2}{header[3]:x2}.");
        }

        if (read < header.Length)
        {
            throw new DataFileException(path, $"The data file '{path}' is {read} bytes long, too short for {Expected()}.");
        }

        var dimensions = new int[expectedRank];
        for (var i = 0; i < expectedRank; i++)
        {
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 + (4 * i)));
            if (dimensions[i] <= 0)
            {
                throw new DataFileException(path, $"The data file '{path}' declares a dimension of size {dimensions[i]}; {Expected()} needs positive sizes.");
            }
        }

        var declared = string.Join(" x ", dimensions);
        var total = ValueCount(path, dimensions, declared);
        if (storedLength is { } stored && stored - header.Length != total)
        {
            throw Mismatch(path, declared, total, $"{stored - header.Length}");
        }

        // A plain file was just checked to hold exactly the declared values, so they are read in one go.
        var values = ReadValues(input, total, firstStep: storedLength is null ? FirstStep : total, out var held);
        if (held < total)
        {
            throw Mismatch(path, declared, total, $"{held}");
        }

        if (input.ReadByte() >= 0)
        {
            throw Mismatch(path, declared, total, "more");
        }

        return new IdxArray(dimensions, values);
    }

    // The product of the dimensions, checked: it must not overflow and must fit one array.
    private static long ValueCount(string path, int[] dimensions, string declared)
    {
        long total = 1;
        try
        {
            foreach (var dimension in dimensions)
            {
                total = checked(total * dimension);
            }
        }
        catch (OverflowException)
        {
            throw new DataFileException(path, $"The data file '{path}' declares {declared} values, a number too large to count; its header is corrupt. Download it again.");
        }

        if (total > Array.MaxLength)
        {
            throw new DataFileException(path, $"The data file '{path}' declares {declared} = {total} values, more than the {Array.MaxLength} one file can hold here; its header is corrupt, or the data must be split.");
        }

        return total;
    }

    private static DataFileException Mismatch(string path, string declared, long total, string held) =>
        new(path, $"The data file '{path}' declares {declared} = {total} values but holds {held}; it is truncated or corrupt. Download it again.");

    // Reads up to total values, growing the buffer only as values arrive.
    private static byte[] ReadValues(Stream input, long total, long firstStep, out long held)
    {
        var values = new byte[(int)Math.Min(total, firstStep)];
        var count = 0;
        while (true)
        {
            count += input.ReadAtLeast(values.AsSpan(count), values.Length - count, throwOnEndOfStream: false);
            if (count < values.Length || values.Length == total)
            {
                break;
            }

            Array.Resize(ref values, (int)Math.Min(total, 2L * values.Length));
        }

        held = count;
        return values;
    }
}
