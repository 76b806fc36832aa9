using System.Text;
using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Parsing;

/// <summary>
/// Turns a file's bytes into spec text, or refuses them. A file that is not UTF-8 text, or that
/// holds a NUL (binary data), is not a spec: it may be a key or a database that an import or a
/// command line pointed at by mistake or on purpose. Such a file is reported by where its first
/// bad byte is, and its text is dropped, so that no diagnostic can ever quote it.
/// </summary>
internal static class SourceDecoder
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>The text, or an empty file and the one diagnostic that refuses it.</summary>
    public static (SourceFile File, Diagnostic? Refusal) Decode(ReadOnlySpan<byte> bytes, string path)
    {
        var bomLength = 0;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bomLength = 3;
            bytes = bytes[3..];
        }

        string text;
        try
        {
            text = Strict.GetString(bytes);
        }
        catch (DecoderFallbackException error)
        {
            var badByte = Math.Clamp(error.Index, 0, bytes.Length);
            var refused = new SourceFile(path, string.Empty);
            return (refused, SyntaxDiagnostics.InvalidUtf8(AtStart(refused), badByte + bomLength, PositionAfter(Lenient.GetString(bytes[..badByte]))));
        }

        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            var refused = new SourceFile(path, string.Empty);
            return (refused, SyntaxDiagnostics.BinaryFile(AtStart(refused), Strict.GetByteCount(text.AsSpan(0, nul)) + bomLength, PositionAfter(text[..nul])));
        }

        return (new SourceFile(path, text), null);
    }

    private static SourceSpan AtStart(SourceFile file) => new(file, new TextSpan(0, 0));

    // Where the character after the prefix stands, counted the way every other position is.
    private static LinePosition PositionAfter(string prefix) => new SourceFile(string.Empty, prefix).GetPosition(prefix.Length);
}
