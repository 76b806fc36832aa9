using System.Collections.Immutable;
using System.Text;
using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Parsing;

/// <summary>Turns a file's bytes into text, reporting the first byte that is not UTF-8.</summary>
internal static class SourceDecoder
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static (SourceFile File, ImmutableArray<Diagnostic> Diagnostics) Decode(ReadOnlySpan<byte> bytes, string path)
    {
        var offset = 0;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            offset = 3;
            bytes = bytes[3..];
        }

        try
        {
            return (new SourceFile(path, Strict.GetString(bytes)), ImmutableArray<Diagnostic>.Empty);
        }
        catch (DecoderFallbackException error)
        {
            var file = new SourceFile(path, Lenient.GetString(bytes));
            var badByte = Math.Clamp(error.Index, 0, bytes.Length);
            var charOffset = Math.Min(Lenient.GetCharCount(bytes[..badByte]), file.Text.Length);
            var span = new SourceSpan(file, new TextSpan(charOffset, charOffset < file.Text.Length ? 1 : 0));
            return (file, [SyntaxDiagnostics.InvalidUtf8(span, badByte + offset)]);
        }
    }
}
