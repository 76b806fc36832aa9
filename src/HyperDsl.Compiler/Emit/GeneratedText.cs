using System.Globalization;
using System.Security;
using System.Text;

namespace HyperDsl.Compiler.Emit;

/// <summary>
/// Spec text made safe to stand in generated C# outside a string literal: in a <c>//</c> or
/// <c>///</c> comment, or as a <c>#line</c> file name. C# ends a line not only at <c>\n</c> and
/// <c>\r</c> but also at U+0085, U+2028 and U+2029, so a comment that copies spec text as it is
/// can end early and turn the rest of the text into code. Here every character outside
/// <see cref="IsSafe(Rune)"/> is replaced, so the text stays on its line whatever it holds.
/// </summary>
public static class GeneratedText
{
    /// <summary>
    /// Whether generated C# may hold the character as it is: not a line terminator, control or
    /// format character (bidirectional overrides included), lone surrogate, private-use or
    /// unassigned code point. Everything the generator writes, outside the <c>\n</c> that ends
    /// each line, is safe.
    /// </summary>
    public static bool IsSafe(Rune rune) => Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate
        or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned);

    /// <summary>Whether every character of <paramref name="text"/> is <see cref="IsSafe(Rune)"/> (a lone surrogate is not).</summary>
    public static bool IsSafe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FirstUnsafe(text) < 0;
    }

    /// <summary>Where the first character that is not <see cref="IsSafe(Rune)"/> starts, or -1.</summary>
    public static int FirstUnsafe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length) != System.Buffers.OperationStatus.Done || !IsSafe(rune))
            {
                return i;
            }

            i += length;
        }

        return -1;
    }

    /// <summary>
    /// Spec text for a <c>//</c> comment: each unsafe character becomes a visible escape
    /// (<c>\u2028</c>, <c>\U000E0001</c>; a lone surrogate <c>\uD800</c>). Only line comments are
    /// generated, so <c>*/</c> needs no care.
    /// </summary>
    public static string Comment(string text) => Replace(text, Escape);

    /// <summary>Spec text for a <c>///</c> documentation comment: <see cref="Comment"/>, then XML-escaped.</summary>
    public static string XmlComment(string text) => SecurityElement.Escape(Comment(text));

    /// <summary>
    /// A file name for a <c>#line</c> directive, quoted. The directive takes no escapes, so a
    /// quote becomes <c>'</c> and each unsafe character <c>?</c>: the name only labels the spec in
    /// debug information and stack traces.
    /// </summary>
    public static string LinePath(string path) => "\"" + Replace(path.Replace('"', '\''), _ => "?") + "\"";

    /// <summary>
    /// A C# string literal for <paramref name="value"/>: Roslyn's own (<c>SymbolDisplay.FormatLiteral</c>),
    /// with any unsafe character it leaves as it is (format characters such as bidirectional
    /// overrides) written as an escape too, so the literal's line reads as it compiles.
    /// </summary>
    public static string Literal(string value) =>
        Replace(Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true), Escape);

    private static string Escape(int codePoint) =>
        codePoint > 0xFFFF ? $"\\U{codePoint:X8}" : $"\\u{codePoint:X4}";

    private static string Replace(string text, Func<int, string> replacement)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (FirstUnsafe(text) < 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length) != System.Buffers.OperationStatus.Done)
            {
                // A lone surrogate: one UTF-16 unit, escaped as itself.
                result.Append(replacement(text[i]));
                i++;
                continue;
            }

            if (IsSafe(rune))
            {
                result.Append(text, i, length);
            }
            else
            {
                result.Append(replacement(rune.Value));
            }

            i += length;
        }

        return result.ToString();
    }
}
