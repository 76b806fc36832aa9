using HyperDsl.LanguageServer.Protocol;
using HyperDsl.Syntax.Text;

namespace HyperDsl.LanguageServer.Analysis;

/// <summary>
/// Converts between the compiler's spans (character offsets; 1-based lines and columns in UTF-16
/// code units) and LSP positions (0-based lines and characters in UTF-16 code units, the
/// protocol's default encoding). Both count <c>\n</c>, <c>\r\n</c> and <c>\r</c> as line breaks.
/// </summary>
internal static class LspPositions
{
    public static Position ToPosition(SourceFile file, int offset)
    {
        var position = file.GetPosition(offset);
        return new Position(position.Line - 1, position.Column - 1);
    }

    public static Protocol.Range ToRange(SourceSpan span) => new(ToPosition(span.File, span.Range.Start), ToPosition(span.File, span.Range.End));

    /// <summary>The range of the whole text: what a whole-document edit replaces.</summary>
    public static Protocol.Range Whole(SourceFile file) => new(new Position(0, 0), ToPosition(file, file.Text.Length));

    /// <summary>The offset of a position; a line past the end means the end, a character past its line's end means that end.</summary>
    public static int ToOffset(SourceFile file, Position position)
    {
        if (position.Line < 0)
        {
            return 0;
        }

        if (position.Line >= file.LineCount)
        {
            return file.Text.Length;
        }

        var line = position.Line + 1;
        var start = file.GetLineStart(line);
        return start + Math.Clamp(position.Character, 0, file.GetLineText(line).Length);
    }
}
