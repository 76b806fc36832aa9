using System.Text;
using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;

namespace HyperDsl.TestKit;

/// <summary>
/// Renders a file with its diagnostics written under the lines they point at (Bicep's baseline
/// style), so a baseline shows code, position and message next to the text they are about:
/// <code>
///     lr ~
/// //@[3:10) HYP0010 error: Expected a distribution after '~', found end of line.
/// </code>
/// </summary>
public static class DiagnosticAnnotator
{
    /// <summary>Annotates <paramref name="file"/> with <paramref name="diagnostics"/>.</summary>
    public static string Annotate(SourceFile file, IEnumerable<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(file);
        var byLine = diagnostics.GroupBy(d => d.Span.Start.Line).ToDictionary(g => g.Key, g => g.ToList());
        var builder = new StringBuilder();
        for (var line = 1; line <= file.LineCount; line++)
        {
            builder.Append(file.GetLineText(line)).Append('\n');
            if (!byLine.TryGetValue(line, out var lineDiagnostics))
            {
                continue;
            }

            foreach (var diagnostic in lineDiagnostics)
            {
                var start = diagnostic.Span.Start;
                builder.Append($"//@[{start.Line}:{start.Column}+{diagnostic.Span.Length}) {diagnostic.Code} {DiagnosticFormatter.SeverityWord(diagnostic.Severity)}: {diagnostic.Message}");
                if (diagnostic.Help is { } help)
                {
                    builder.Append(" (help: ").Append(help).Append(')');
                }

                builder.Append('\n');
            }
        }

        return builder.ToString();
    }
}
