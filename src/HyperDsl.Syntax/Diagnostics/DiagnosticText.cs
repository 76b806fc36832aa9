using System.Globalization;
using System.Text;

namespace HyperDsl.Syntax.Diagnostics;

/// <summary>
/// The one way text from a spec, a file name or a file's bytes gets into a diagnostic. Specs
/// are shared and may be hostile: a quoted token must not end the line on a terminal or in a
/// CI log (U+2028, U+0085), reorder what is shown (bidi overrides), hide text (tag and
/// zero-width characters), drive the terminal (escape sequences) or flood the output (a
/// megabyte-long name or string). So every character outside printable text is shown as an
/// escape, and a quotation is cut to a short excerpt.
/// </summary>
public static class DiagnosticText
{
    /// <summary>The most characters of spec text a message quotes (an ellipsis follows when cut).</summary>
    public const int MaxExcerptLength = 64;

    /// <summary>The longest message or help text a diagnostic carries (a backstop; real messages are far shorter).</summary>
    public const int MaxMessageLength = 1000;

    private const string Ellipsis = "...";

    /// <summary>
    /// Spec text to quote in a message: unsafe characters escaped (<see cref="Escape"/>), cut to
    /// <see cref="MaxExcerptLength"/> characters with "..." after.
    /// </summary>
    public static string Excerpt(string text) => Excerpt(text, MaxExcerptLength);

    /// <summary>Spec text escaped and cut to <paramref name="maxLength"/> characters with "..." after.</summary>
    public static string Excerpt(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        return Render(text, maxLength);
    }

    /// <summary>
    /// Text shown whole (a path): line breaks and other control characters as <c>\n</c>,
    /// <c>\r</c>, <c>\t</c>, <c>\0</c>; format, separator, private-use, unassigned and lone
    /// surrogate characters, and U+FFFD, as <c>\u{XXXX}</c>, the spec's own escape syntax.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Render(text, int.MaxValue);
    }

    /// <summary>A message or help text made safe: escaped, and cut at <see cref="MaxMessageLength"/>.</summary>
    public static string Bound(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Render(message, MaxMessageLength);
    }

    /// <summary>How the character (or surrogate pair) at <paramref name="index"/> is shown, and how many UTF-16 units it takes.</summary>
    public static (string Shown, int Length) Show(string text, int index)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (length, escape) = Next(text.AsSpan(index));
        return (escape < 0 ? text.Substring(index, length) : Escaped(escape), length);
    }

    /// <summary>True when <paramref name="text"/> has nothing <see cref="Escape"/> would change.</summary>
    public static bool IsSafe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length;)
        {
            var (length, escape) = Next(text.AsSpan(i));
            if (escape >= 0)
            {
                return false;
            }

            i += length;
        }

        return true;
    }

    private static string Render(string text, int maxLength)
    {
        if (text.Length <= maxLength && IsSafe(text))
        {
            return text;
        }

        var builder = new StringBuilder(Math.Min(text.Length, maxLength) + Ellipsis.Length);
        for (var i = 0; i < text.Length;)
        {
            var (length, escape) = Next(text.AsSpan(i));
            var shown = escape < 0 ? text.AsSpan(i, length) : Escaped(escape).AsSpan();
            if (builder.Length + shown.Length > maxLength)
            {
                return builder.Append(Ellipsis).ToString();
            }

            builder.Append(shown);
            i += length;
        }

        return builder.ToString();
    }

    // The length of the character that starts the text, and the code point to escape it as (-1: shown as it is).
    private static (int Length, int Escape) Next(ReadOnlySpan<char> text)
    {
        if (Rune.DecodeFromUtf16(text, out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
        {
            return (1, text[0]);
        }

        return (consumed, IsUnsafe(rune) ? rune.Value : -1);
    }

    private static bool IsUnsafe(Rune rune) =>
        rune.Value == 0xFFFD || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;

    private static string Escaped(int value) => value switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        0 => "\\0",
        _ => "\\u{" + value.ToString("X4", CultureInfo.InvariantCulture) + "}",
    };
}
