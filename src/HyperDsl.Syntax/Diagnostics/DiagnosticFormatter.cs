using System.Text;

namespace HyperDsl.Syntax.Diagnostics;

/// <summary>Renders diagnostics as text: the one-line canonical form tools parse, and the annotated form people read.</summary>
public static class DiagnosticFormatter
{
    /// <summary>The most characters of a source line the annotated form shows (long lines are cut around the span).</summary>
    public const int MaxSourceWidth = 80;

    /// <summary>
    /// The MSBuild canonical form, <c>path(line,col): error HYP0010: message help</c>, which build
    /// systems and editors recognise. The help (what to do, "Did you mean 'learning_rate'?") is
    /// appended to the message, because a build log or an IDE's error list shows only this line.
    /// The path is escaped like spec text (a file name may hold a line separator too).
    /// </summary>
    public static string ToCanonical(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        return diagnostic.Help is { } help
            ? $"{Location(diagnostic)}: {SeverityWord(diagnostic.Severity)} {diagnostic.Code}: {MessageWithHelp(diagnostic.Message, help)}"
            : Headline(diagnostic);
    }

    /// <summary>
    /// The canonical form of a problem with a whole file, which has no line (a spec that cannot be
    /// read): <c>path: error HYP0000: message</c>.
    /// </summary>
    public static string ToCanonical(string path, DiagnosticDescriptor descriptor, string message)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(message);
        return $"{DiagnosticText.Escape(path)}: {SeverityWord(descriptor.Severity)} {descriptor.Code}: {DiagnosticText.Bound(message)}";
    }

    // The canonical line without the help, which the annotated form shows on a line of its own.
    private static string Headline(Diagnostic diagnostic) =>
        $"{Location(diagnostic)}: {SeverityWord(diagnostic.Severity)} {diagnostic.Code}: {diagnostic.Message}";

    private static string Location(Diagnostic diagnostic)
    {
        var start = diagnostic.Span.Start;
        return $"{DiagnosticText.Escape(diagnostic.Span.File.Path)}({start.Line},{start.Column})";
    }

    // One line still: the message ends its sentence, the help follows, and the two stay within a message's bound.
    private static string MessageWithHelp(string message, string help)
    {
        var sentence = message.Length == 0 || message[^1] is '.' or '?' or '!' or ':' ? message : message + ".";
        return DiagnosticText.Bound(sentence + " " + help);
    }

    /// <summary>
    /// The canonical line (without the help) followed by an excerpt of the source line with a caret under the span,
    /// and the help, for a terminal. The excerpt is at most <see cref="MaxSourceWidth"/>
    /// characters around the span, escaped like any spec text in a message.
    /// </summary>
    public static string ToAnnotated(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var builder = new StringBuilder();
        builder.Append(Headline(diagnostic)).Append('\n');

        var file = diagnostic.Span.File;
        var start = diagnostic.Span.Start;
        var lineStart = file.GetLineStart(start.Line);
        var lineEnd = lineStart + LineLength(file.Text, lineStart);
        var spanStart = Math.Clamp(diagnostic.Span.Range.Start, lineStart, lineEnd);
        var spanEnd = Math.Clamp(diagnostic.Span.Range.End, spanStart, lineEnd);
        var excerpt = SourceExcerpt.Around(file.Text, lineStart, lineEnd, spanStart, spanEnd, MaxSourceWidth);

        var gutter = start.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var pad = new string(' ', gutter.Length);
        builder.Append(pad).Append(" |\n");
        builder.Append(gutter).Append(" | ").Append(excerpt.Text).Append('\n');
        builder.Append(pad).Append(" | ").Append(excerpt.Indentation).Append('^', excerpt.CaretLength).Append('\n');
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

    // The characters of the line that starts at lineStart, without its line break.
    private static int LineLength(string text, int lineStart)
    {
        var end = text.IndexOfAny(['\n', '\r'], lineStart);
        return (end < 0 ? text.Length : end) - lineStart;
    }
}
