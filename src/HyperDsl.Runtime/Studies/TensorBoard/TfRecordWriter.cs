using System.Buffers.Binary;
using System.Numerics;

namespace HyperDsl.Runtime.Studies.TensorBoard;

/// <summary>
/// Writes TFRecord framing, the format of TensorBoard's event files: each record is its length
/// (uint64, little-endian), the masked CRC-32C of those 8 bytes, the data, and the masked CRC-32C
/// of the data. Each record is flushed so that a running TensorBoard sees an epoch when it ends.
/// </summary>
internal sealed class TfRecordWriter(Stream output) : IDisposable
{
    /// <summary>TFRecord's mask, so that a CRC over data that holds CRCs stays well distributed.</summary>
    private const uint MaskDelta = 0xa282ead8;

    public void Write(ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], MaskedCrc(header[..8]));
        Span<byte> footer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, MaskedCrc(data));
        output.Write(header);
        output.Write(data);
        output.Write(footer);
        output.Flush();
    }

    public void Dispose() => output.Dispose();

    /// <summary>CRC-32C (Castagnoli; hardware-accelerated by <see cref="BitOperations.Crc32C(uint, byte)"/>), rotated and offset as TFRecord masks it.</summary>
    internal static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        crc = ~crc;
        return unchecked(((crc >> 15) | (crc << 17)) + MaskDelta);
    }
}
