using System.Text;

namespace HyperDsl.Syntax.Diagnostics;

/// <summary>Renders diagnostics as text: the one-line canonical form tools parse, and the annotated form people read.</summary>
public static class DiagnosticFormatter
{
    private const int MaxSourceLineWidth = 120;

    /// <summary>
    /// The MSBuild canonical form, <c>path(line,col): error HYP0010: message</c>, which build
    /// systems and editors recognise.
    /// </summary>
    public static string ToCanonical(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var start = diagnostic.Span.Start;
        return $"{diagnostic.Span.File.Path}({start.Line},{start.Column}): {SeverityWord(diagnostic.Severity)} {diagnostic.Code}: {diagnostic.Message}";
    }

    /// <summary>
    /// The canonical line followed by the source line with a caret under the span and the help,
    /// for a terminal.
    /// </summary>
    public static string ToAnnotated(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var builder = new StringBuilder();
        builder.Append(ToCanonical(diagnostic)).Append('\n');

        var file = diagnostic.Span.File;
        var start = diagnostic.Span.Start;
        var lineText = file.GetLineText(start.Line);
        var lineStart = file.GetLineStart(start.Line);
        var column = start.Column - 1;
        var caretLength = Math.Max(1, Math.Min(diagnostic.Span.Range.End, lineStart + lineText.Length) - diagnostic.Span.Range.Start);

        // Long lines (minified or generated input) are cut to a window around the span.
        var windowStart = 0;
        if (lineText.Length > MaxSourceLineWidth)
        {
            windowStart = Math.Clamp(column - (MaxSourceLineWidth / 2), 0, lineText.Length - MaxSourceLineWidth);
            lineText = lineText.Substring(windowStart, MaxSourceLineWidth);
        }

        var gutter = start.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var pad = new string(' ', gutter.Length);
        builder.Append(pad).Append(" |\n");
        builder.Append(gutter).Append(" | ").Append(Printable(lineText)).Append('\n');
        var caretColumn = column - windowStart;
        caretLength = Math.Max(1, Math.Min(caretLength, lineText.Length - caretColumn));
        builder.Append(pad).Append(" | ").Append(Indentation(lineText, caretColumn)).Append('^', caretLength).Append('\n');
        if (diagnostic.Help is { } help)
        {
            builder.Append(pad).Append(" = help: ").Append(help).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>The word MSBuild expects for a severity.</summary>
    public static string SeverityWord(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };

    // Keep tabs so the caret lines up with what the terminal shows above it.
    private static string Indentation(string line, int count)
    {
        var builder = new StringBuilder(count);
        for (var i = 0; i < count && i < line.Length; i++)
        {
            builder.Append(line[i] == '\t' ? '\t' : ' ');
        }

        return builder.ToString();
    }

    // Control characters from binary input would garble the terminal.
    private static string Printable(string line)
    {
        var builder = new StringBuilder(line.Length);
        foreach (var c in line)
        {
            builder.Append(char.IsControl(c) && c != '\t' ? '\uFFFD' : c);
        }

        return builder.ToString();
    }
}
