using System.Buffers.Binary;
using System.Text;

using Xunit;

namespace HyperDsl.TestKit;

/// <summary>
/// Reads TensorBoard event files back independently of the writer: TFRecord framing with its
/// masked CRC-32C checked (a bitwise CRC, not the writer's), and protocol-buffer messages parsed
/// into their fields, so tests can check what TensorBoard would read.
/// </summary>
public static class TensorBoardEventReader
{
    /// <summary>The records of an event file; fails on a bad length, a bad CRC or trailing bytes.</summary>
    public static IReadOnlyList<ProtoMessage> Records(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var records = new List<ProtoMessage>();
        var at = 0;
        while (at < bytes.Length)
        {
            Assert.True(bytes.Length - at >= 12, $"{path}: a record header is cut at byte {at}");
            var length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at)));
            Assert.Equal(MaskedCrc32C(bytes.AsSpan(at, 8)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8)));
            at += 12;
            Assert.True(bytes.Length - at >= length + 4, $"{path}: a record's data is cut at byte {at}");
            var data = bytes.AsSpan(at, length);
            Assert.Equal(MaskedCrc32C(data), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + length)));
            records.Add(ProtoMessage.Parse(data.ToArray()));
            at += length + 4;
        }

        return records;
    }

    /// <summary>CRC-32C bit by bit (reflected polynomial 0x82F63B78), masked as TFRecord masks it.</summary>
    public static uint MaskedCrc32C(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }

        crc = ~crc;
        return unchecked(((crc >> 15) | (crc << 17)) + 0xa282ead8u);
    }
}

/// <summary>A parsed protocol-buffer message: each field's raw values by field number.</summary>
public sealed class ProtoMessage
{
    private readonly Dictionary<int, List<object>> _fields = [];

    public static ProtoMessage Parse(byte[] bytes)
    {
        var message = new ProtoMessage();
        var at = 0;
        while (at < bytes.Length)
        {
            var key = Varint(bytes, ref at);
            var field = (int)(key >> 3);
            object value = (key & 7) switch
            {
                0 => Varint(bytes, ref at),
                1 => Take(bytes, ref at, 8),
                2 => Take(bytes, ref at, checked((int)Varint(bytes, ref at))),
                5 => Take(bytes, ref at, 4),
                var type => throw new InvalidDataException($"wire type {type} at byte {at}"),
            };
            if (!message._fields.TryGetValue(field, out var values))
            {
                message._fields[field] = values = [];
            }

            values.Add(value);
        }

        return message;
    }

    public bool Has(int field) => _fields.ContainsKey(field);

    public IEnumerable<ProtoMessage> Messages(int field) => Raw(field).Select(v => Parse((byte[])v));

    public ProtoMessage Message(int field) => Assert.Single(Messages(field));

    public byte[] Bytes(int field) => (byte[])Assert.Single(Raw(field));

    public string String(int field) => Encoding.UTF8.GetString((byte[])Assert.Single(Raw(field)));

    /// <summary>An int, enum or bool field; 0 when absent (proto3 leaves defaults out).</summary>
    public long Varint(int field) => Has(field) ? (long)(ulong)Assert.Single(Raw(field)) : 0;

    public double Double(int field) => BinaryPrimitives.ReadDoubleLittleEndian((byte[])Assert.Single(Raw(field)));

    public float Float(int field) => BinaryPrimitives.ReadSingleLittleEndian((byte[])Assert.Single(Raw(field)));

    private IEnumerable<object> Raw(int field) => _fields.GetValueOrDefault(field) ?? [];

    private static ulong Varint(byte[] bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    private static byte[] Take(byte[] bytes, ref int at, int length)
    {
        var taken = bytes.AsSpan(at, length).ToArray();
        at += length;
        return taken;
    }
}
