using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace HyperDsl.Runtime.Studies.TensorBoard;

/// <summary>
/// Writes protocol-buffer wire format field by field. TensorBoard's few messages written here
/// (events, summaries, HParams plugin data) are small and fixed, so they are built by hand from
/// their field numbers rather than from generated classes.
/// </summary>
internal sealed class ProtoWriter
{
    private const int VarintType = 0;
    private const int Fixed64Type = 1;
    private const int LengthDelimitedType = 2;
    private const int Fixed32Type = 5;

    private readonly ArrayBufferWriter<byte> _bytes = new();

    /// <summary>An int32, int64 or enum field.</summary>
    public ProtoWriter Varint(int field, long value)
    {
        Tag(field, VarintType);
        WriteVarint(unchecked((ulong)value));
        return this;
    }

    /// <summary>A bool field.</summary>
    public ProtoWriter Bool(int field, bool value) => Varint(field, value ? 1 : 0);

    /// <summary>A double field.</summary>
    public ProtoWriter Double(int field, double value)
    {
        Tag(field, Fixed64Type);
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        _bytes.Write(bytes);
        return this;
    }

    /// <summary>A float field.</summary>
    public ProtoWriter Float(int field, float value)
    {
        Tag(field, Fixed32Type);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _bytes.Write(bytes);
        return this;
    }

    /// <summary>A string field (UTF-8).</summary>
    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>A bytes field.</summary>
    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, LengthDelimitedType);
        WriteVarint((ulong)value.Length);
        _bytes.Write(value);
        return this;
    }

    /// <summary>An embedded message field, written by <paramref name="write"/>.</summary>
    public ProtoWriter Message(int field, Action<ProtoWriter> write)
    {
        var inner = new ProtoWriter();
        write(inner);
        return Bytes(field, inner.ToArray());
    }

    /// <summary>The message so far.</summary>
    public byte[] ToArray() => _bytes.WrittenSpan.ToArray();

    private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        WriteByte((byte)value);
    }

    private void WriteByte(byte value)
    {
        _bytes.GetSpan(1)[0] = value;
        _bytes.Advance(1);
    }
}
