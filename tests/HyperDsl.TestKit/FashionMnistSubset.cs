using System.Buffers.Binary;
using System.IO.Compression;

namespace HyperDsl.TestKit;

/// <summary>
/// Derives the tests' small Fashion-MNIST subset from the full data set, with the same content as
/// <c>.ci/small-fashion-mnist.py</c> (and <c>shared/data/fashion-mnist-small</c>): the first 600
/// training images of each class and the first 100 test images of each class, in file order, as
/// gzip-compressed IDX files. Only the compressed bytes may differ (gzip headers and compressors).
/// </summary>
public static class FashionMnistSubset
{
    /// <summary>Training images kept per class.</summary>
    public const int TrainingPerClass = 600;

    /// <summary>Test images kept per class.</summary>
    public const int TestPerClass = 100;

    /// <summary>The four files of a subset (and of the full set), as written.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
        ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"];

    private const int ClassCount = 10;

    /// <summary>Whether <paramref name="directory"/> holds the four files.</summary>
    public static bool IsComplete(string directory) => FileNames.All(name => File.Exists(Path.Combine(directory, name)));

    /// <summary>Whether <paramref name="directory"/> holds a full data set to derive from: the four files, gzip-compressed or not.</summary>
    public static bool CanDeriveFrom(string directory) =>
        FileNames.All(name => File.Exists(Path.Combine(directory, name)) || File.Exists(Path.Combine(directory, Path.GetFileNameWithoutExtension(name))));

    /// <summary>Writes the subset of the full data set in <paramref name="fullDirectory"/> into <paramref name="outputDirectory"/> (created if needed).</summary>
    /// <exception cref="InvalidDataException">The full set's files are not matching IDX files, or a class has too few images.</exception>
    public static void Derive(string fullDirectory, string outputDirectory)
    {
        Directory.CreateDirectory(outputDirectory);
        Subset(fullDirectory, outputDirectory, "train", TrainingPerClass);
        Subset(fullDirectory, outputDirectory, "t10k", TestPerClass);
    }

    /// <summary>
    /// The subset in <paramref name="cacheDirectory"/>, derived from <paramref name="fullDirectory"/>
    /// first if it is not there yet. The folder appears whole or not at all (written beside it, then
    /// renamed), so test processes that race to create it each see either nothing or all of it.
    /// </summary>
    public static string EnsureCached(string fullDirectory, string cacheDirectory)
    {
        var target = Path.GetFullPath(cacheDirectory);
        if (IsComplete(target))
        {
            return target;
        }

        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var temporary = Path.Combine(parent, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        try
        {
            Derive(fullDirectory, temporary);
            Directory.Move(temporary, target);
        }
        catch (IOException) when (IsComplete(target))
        {
            // Another process renamed its copy first; theirs has the same content.
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }

        return target;
    }

    private static void Subset(string full, string output, string prefix, int perClass)
    {
        var imagesPath = Source(full, $"{prefix}-images-idx3-ubyte");
        var labelsPath = Source(full, $"{prefix}-labels-idx1-ubyte");
        var images = ReadAll(imagesPath);
        var labels = ReadAll(labelsPath);
        if (images.Length < 16 || labels.Length < 8
            || BinaryPrimitives.ReadInt32BigEndian(images) != 2051 || BinaryPrimitives.ReadInt32BigEndian(labels) != 2049
            || BinaryPrimitives.ReadInt32BigEndian(labels.AsSpan(4)) != BinaryPrimitives.ReadInt32BigEndian(images.AsSpan(4)))
        {
            throw new InvalidDataException($"{full}: {prefix} files are not matching IDX image and label files");
        }

        var count = BinaryPrimitives.ReadInt32BigEndian(images.AsSpan(4));
        var rows = BinaryPrimitives.ReadInt32BigEndian(images.AsSpan(8));
        var columns = BinaryPrimitives.ReadInt32BigEndian(images.AsSpan(12));
        var size = checked(rows * columns);
        if (count < 0 || size < 0 || images.Length < 16 + ((long)count * size) || labels.Length < 8 + count)
        {
            throw new InvalidDataException($"{full}: {prefix} files are shorter than their headers say");
        }

        var taken = new int[ClassCount];
        var kept = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var label = labels[8 + i];
            if (label >= ClassCount)
            {
                throw new InvalidDataException($"{full}: {prefix} has the label {label}; Fashion-MNIST has {ClassCount} classes");
            }

            if (taken[label] < perClass)
            {
                taken[label]++;
                kept.Add(i);
            }
        }

        if (taken.Any(t => t != perClass))
        {
            throw new InvalidDataException($"{full}: {prefix} has fewer than {perClass} images of some class: [{string.Join(", ", taken)}]");
        }

        var header = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(header, 2051);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), kept.Count);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), columns);
        WriteGzip(Path.Combine(output, $"{prefix}-images-idx3-ubyte.gz"), header, stream =>
        {
            foreach (var i in kept)
            {
                stream.Write(images, 16 + (i * size), size);
            }
        });

        var labelHeader = header[..8];
        BinaryPrimitives.WriteInt32BigEndian(labelHeader, 2049);
        WriteGzip(Path.Combine(output, $"{prefix}-labels-idx1-ubyte.gz"), labelHeader, stream =>
        {
            foreach (var i in kept)
            {
                stream.WriteByte(labels[8 + i]);
            }
        });
    }

    // The script reads the .gz files; a folder holding the same files uncompressed serves as well.
    private static string Source(string full, string stem)
    {
        var compressed = Path.Combine(full, stem + ".gz");
        return File.Exists(compressed) ? compressed : Path.Combine(full, stem);
    }

    private static byte[] ReadAll(string path)
    {
        var raw = File.ReadAllBytes(path);
        if (raw.Length < 2 || raw[0] != 0x1f || raw[1] != 0x8b)
        {
            return raw;
        }

        using var input = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static void WriteGzip(string path, byte[] header, Action<Stream> body)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        gzip.Write(header);
        body(gzip);
    }
}
