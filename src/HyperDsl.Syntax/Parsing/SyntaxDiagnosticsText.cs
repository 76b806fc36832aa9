using System.Globalization;
using System.Text;

namespace HyperDsl.Syntax.Parsing;

/// <summary>Makes arbitrary input text safe to quote inside a one-line message.</summary>
internal static class SyntaxDiagnosticsText
{
    public static string Printable(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsControl(c) || c == '\uFFFD' || char.IsSurrogate(c))
            {
                builder.Append("U+").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
