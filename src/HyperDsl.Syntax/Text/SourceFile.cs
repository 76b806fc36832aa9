namespace HyperDsl.Syntax.Text;

/// <summary>
/// The text of one .hyp file and the path it is reported under. Immutable; line starts are
/// computed once so that every span can be turned into a line and column cheaply.
/// </summary>
public sealed class SourceFile
{
    private readonly int[] _lineStarts;

    /// <summary>Creates a source file from text already in memory.</summary>
    /// <param name="path">The path diagnostics show for this file, as the user gave it.</param>
    /// <param name="text">The whole text of the file.</param>
    public SourceFile(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        Path = path;
        Text = text;
        _lineStarts = ComputeLineStarts(text);
    }

    /// <summary>The path diagnostics show for this file.</summary>
    public string Path { get; }

    /// <summary>The whole text of the file.</summary>
    public string Text { get; }

    /// <summary>The number of lines; an empty file has one.</summary>
    public int LineCount => _lineStarts.Length;

    /// <summary>The 1-based line and column of a character offset (clamped to the text).</summary>
    public LinePosition GetPosition(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var index = Array.BinarySearch(_lineStarts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return new LinePosition(line + 1, offset - _lineStarts[line] + 1);
    }

    /// <summary>The text of a 1-based line, without its line break.</summary>
    public string GetLineText(int line)
    {
        if (line < 1 || line > _lineStarts.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(line), line, "No such line in the file.");
        }

        var start = _lineStarts[line - 1];
        var end = line < _lineStarts.Length ? _lineStarts[line] : Text.Length;
        while (end > start && Text[end - 1] is '\n' or '\r')
        {
            end--;
        }

        return Text[start..end];
    }

    /// <summary>The character offset at which a 1-based line starts.</summary>
    public int GetLineStart(int line) => _lineStarts[Math.Clamp(line, 1, _lineStarts.Length) - 1];

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            if (c is '\n' or '\r')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }
}
