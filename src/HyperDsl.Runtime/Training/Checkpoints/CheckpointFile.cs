using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Training.Checkpoints;

/// <summary>
/// Reads and writes <see cref="TrainingCheckpoint"/> files. The format is HyperDsl's own: a magic
/// word and a format version, the header, the metrics, the tensors (name, type, shape, bytes), the
/// optimizer's state (named tensors too), and a SHA-256 of everything before it, so that a
/// truncated or altered file is refused rather than half loaded. A file is written to a temporary
/// name beside the target and renamed over it: a reader sees the previous checkpoint or the new
/// one, never a partial file. Files are untrusted input: every count and size is checked before use.
/// </summary>
public static class CheckpointFile
{
    /// <summary>The format version this build writes and reads.</summary>
    /// <remarks>
    /// Version 2 (issue 20) stores the optimizer's state as named tensors of HyperDsl's own optimizers;
    /// version 1 held TorchSharp's optimizer serialisation, which these optimizers do not read, so a
    /// version 1 file is refused with the format-version message.
    /// </remarks>
    public const int FormatVersion = 2;

    private static readonly byte[] Magic = "HYPCKPT\0"u8.ToArray();
    private const int HashLength = 32;
    private const int MaxTensors = 100_000;
    private const int MaxDimensions = 16;
    private const int MaxNameLength = 4096;

    /// <summary>Writes <paramref name="checkpoint"/> to <paramref name="path"/> atomically (temporary file, flush, rename).</summary>
    internal static void Write(string path, TrainingCheckpoint checkpoint)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                using (var writer = new BinaryWriter(new HashingStream(file, hash), Encoding.UTF8, leaveOpen: true))
                {
                    WriteBody(writer, checkpoint);
                }

                file.Write(hash.GetHashAndReset());
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Disk full, no permission: the message names the file, so the trial's failure says what to fix.
            throw new IOException($"The checkpoint '{path}' could not be written: {error.Message}", error);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Reads and checks the checkpoint at <paramref name="path"/>.</summary>
    /// <exception cref="CheckpointException">The file is missing, unreadable, damaged or of another format version; the message says which.</exception>
    public static TrainingCheckpoint Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CheckpointException($"The checkpoint '{path}' cannot be read: {error.Message}", error);
        }

        if (bytes.Length < Magic.Length + sizeof(int) + HashLength || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new CheckpointException($"'{path}' is not a HyperDsl checkpoint (it does not start with the checkpoint header).");
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length));
        if (version != FormatVersion)
        {
            throw new CheckpointException($"The checkpoint '{path}' has format version {version}; this HyperDsl reads version {FormatVersion}. Resume it with the HyperDsl that wrote it, or delete it to start the trial afresh.");
        }

        var body = bytes.AsSpan(0, bytes.Length - HashLength);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashLength)))
        {
            throw new CheckpointException($"The checkpoint '{path}' is damaged (its checksum does not match: the file was truncated or changed).");
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, 0, body.Length, writable: false), Encoding.UTF8);
            reader.ReadBytes(Magic.Length + sizeof(int));
            var checkpoint = ReadBody(reader);
            if (reader.BaseStream.Position != body.Length)
            {
                throw new CheckpointException("it has bytes after its last section");
            }

            return checkpoint;
        }
        catch (Exception error) when (error is EndOfStreamException or IOException or ArgumentException or FormatException or OverflowException or CheckpointException)
        {
            throw new CheckpointException($"The checkpoint '{path}' is damaged: {error.Message}", error);
        }
    }

    private static void WriteBody(BinaryWriter writer, TrainingCheckpoint checkpoint)
    {
        writer.Write(Magic);
        writer.Write(FormatVersion);
        var header = checkpoint.Header;
        writer.Write(header.Owner);
        writer.Write(header.Epoch);
        writer.Write(header.TotalEpochs);
        writer.Write(header.StepsPerEpoch);
        writer.Write(header.TrainCount);
        writer.Write(header.Seed);

        writer.Write(checkpoint.Epochs.Count);
        foreach (var e in checkpoint.Epochs)
        {
            writer.Write(e.Epoch);
            writer.Write(e.TrainLoss);
            WriteOptional(writer, e.ValLoss);
            WriteOptional(writer, e.ValAccuracy);
            writer.Write(e.LearningRate);
            writer.Write(e.TrainSeconds);
            writer.Write(e.ImagesPerSecond);
            WriteOptional(writer, e.ValTop5);
            WriteOptional(writer, e.ValAuc);
            WriteOptional(writer, e.ValMiou);
            WriteOptional(writer, e.ValPixelAccuracy);
        }

        WriteOptional(writer, checkpoint.Watch.BestForWeights);
        WriteOptional(writer, checkpoint.Watch.BestForStopping);
        writer.Write(checkpoint.Watch.EpochsWithoutImprovement);

        WriteTensors(writer, checkpoint.Model);
        WriteTensors(writer, checkpoint.Optimizer);
        WriteBytes(writer, checkpoint.Random.Global);
        WriteBytes(writer, checkpoint.Random.Shuffling);
        WriteBytes(writer, checkpoint.Random.Augmenting);
        writer.Write(checkpoint.Best is not null);
        if (checkpoint.Best is { } best)
        {
            WriteTensors(writer, best);
        }

        writer.Write(checkpoint.Partial is not null);
        if (checkpoint.Partial is { } partial)
        {
            writer.Write(partial.Steps);
            WriteTensors(writer, [partial.Order]);
            writer.Write(partial.LossSum);
            writer.Write(partial.Seen);
        }
    }

    private static TrainingCheckpoint ReadBody(BinaryReader reader)
    {
        var header = new CheckpointHeader(ReadName(reader), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt64());
        if (header.Epoch < 0 || header.TotalEpochs < 1 || header.StepsPerEpoch < 1 || header.TrainCount < 1)
        {
            throw new CheckpointException($"its header is impossible (epoch {header.Epoch} of {header.TotalEpochs}, {header.StepsPerEpoch} batches, {header.TrainCount} images)");
        }

        var count = reader.ReadInt32();
        if (count != header.Epoch)
        {
            throw new CheckpointException($"it records {count} epochs' metrics for epoch {header.Epoch}");
        }

        var epochs = new List<EpochMetrics>(count);
        for (var i = 0; i < count; i++)
        {
            var epoch = new EpochMetrics(reader.ReadInt32(), reader.ReadDouble(), ReadOptional(reader), ReadOptional(reader), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), ReadOptional(reader), ReadOptional(reader), ReadOptional(reader), ReadOptional(reader));
            if (epoch.Epoch != i + 1)
            {
                throw new CheckpointException($"its metrics are out of order (epoch {epoch.Epoch} in place {i + 1})");
            }

            epochs.Add(epoch);
        }

        var watch = new WatchState(ReadOptional(reader), ReadOptional(reader), reader.ReadInt32());
        var model = ReadTensors(reader);
        var optimizer = ReadTensors(reader);
        var random = new RandomState(ReadBytes(reader), ReadBytes(reader), ReadBytes(reader));
        var best = reader.ReadBoolean() ? ReadTensors(reader) : null;
        PartialEpoch? partial = null;
        if (reader.ReadBoolean())
        {
            var steps = reader.ReadInt32();
            var order = ReadTensors(reader);
            if (steps < 1 || order.Count != 1)
            {
                throw new CheckpointException($"its cut-short epoch is impossible ({steps} steps, {order.Count} orders)");
            }

            partial = new PartialEpoch(steps, order[0], reader.ReadDouble(), reader.ReadInt64());
        }

        if (header.Epoch < 1 && partial is null)
        {
            throw new CheckpointException("it stands before the first epoch");
        }

        return new TrainingCheckpoint(header, epochs, watch, model, optimizer, random, best, partial);
    }

    private static void WriteOptional(BinaryWriter writer, double? value)
    {
        writer.Write(value.HasValue);
        if (value is { } v)
        {
            writer.Write(v);
        }
    }

    private static double? ReadOptional(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadDouble() : null;

    private static void WriteBytes(BinaryWriter writer, byte[] bytes)
    {
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    private static byte[] ReadBytes(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new CheckpointException($"a section claims {length} bytes, more than the file holds");
        }

        return reader.ReadBytes(length);
    }

    private static string ReadName(BinaryReader reader)
    {
        var name = reader.ReadString();
        return name.Length <= MaxNameLength ? name : throw new CheckpointException($"a name is {name.Length} characters long");
    }

    private static void WriteTensors(BinaryWriter writer, IReadOnlyList<StoredTensor> tensors)
    {
        writer.Write(tensors.Count);
        foreach (var tensor in tensors)
        {
            writer.Write(tensor.Name);
            writer.Write((int)tensor.Type);
            writer.Write(tensor.Shape.Length);
            foreach (var size in tensor.Shape)
            {
                writer.Write(size);
            }

            WriteBytes(writer, tensor.Bytes);
        }
    }

    private static List<StoredTensor> ReadTensors(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        if (count is < 0 or > MaxTensors)
        {
            throw new CheckpointException($"it claims {count} tensors");
        }

        var tensors = new List<StoredTensor>(count);
        for (var i = 0; i < count; i++)
        {
            var name = ReadName(reader);
            var type = (ScalarType)reader.ReadInt32();
            if (!Enum.IsDefined(type))
            {
                throw new CheckpointException($"tensor '{name}' has an unknown element type ({(int)type})");
            }

            var dimensions = reader.ReadInt32();
            if (dimensions is < 0 or > MaxDimensions)
            {
                throw new CheckpointException($"tensor '{name}' claims {dimensions} dimensions");
            }

            var shape = new long[dimensions];
            long elements = 1;
            for (var d = 0; d < dimensions; d++)
            {
                shape[d] = reader.ReadInt64();
                if (shape[d] < 0 || shape[d] > reader.BaseStream.Length)
                {
                    throw new CheckpointException($"tensor '{name}' has an impossible size {shape[d]}");
                }

                elements = checked(elements * shape[d]);
            }

            var bytes = ReadBytes(reader);
            if (bytes.LongLength != checked(elements * ElementSize(type)))
            {
                throw new CheckpointException($"tensor '{name}' [{string.Join(", ", shape)}] of {type} holds {bytes.Length} bytes");
            }

            tensors.Add(new StoredTensor(name, type, shape, bytes));
        }

        return tensors;
    }

    private static long ElementSize(ScalarType type)
    {
        using var probe = empty([0], type);
        return probe.ElementSize;
    }

    // Feeds every byte written to the file into the checksum.
    private sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            hash.AppendData(buffer, offset, count);
            inner.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.AppendData(buffer);
            inner.Write(buffer);
        }
    }
}
