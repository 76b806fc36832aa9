using HyperDsl.LanguageServer.Analysis;
using HyperDsl.LanguageServer.Protocol;
using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.LanguageServer.Features;

/// <summary>
/// Turns the compiler's diagnostics into LSP diagnostics: the same code and severity, the range
/// of the span converted to 0-based positions, and the help (what to do) on the message's second
/// line, as <c>hyp check</c> prints it under the source line.
/// </summary>
internal static class DiagnosticConverter
{
    public const string Source = "hyp";

    public static LspDiagnostic Convert(Diagnostic diagnostic) =>
        new(LspPositions.ToRange(diagnostic.Span), Severity(diagnostic.Severity), diagnostic.Code, Source,
            diagnostic.Help is { } help ? $"{diagnostic.Message}\n{help}" : diagnostic.Message);

    /// <summary>The diagnostics of an analysis by the document they are in: the document's own, and those of files it imports (under their <c>file:</c> URIs).</summary>
    public static Dictionary<string, List<LspDiagnostic>> ByDocument(DocumentAnalysis analysis)
    {
        var byUri = new Dictionary<string, List<LspDiagnostic>>(StringComparer.Ordinal) { [analysis.Uri] = [] };
        foreach (var diagnostic in analysis.Diagnostics)
        {
            var uri = analysis.UriOf(diagnostic.Span.File);
            if (!byUri.TryGetValue(uri, out var list))
            {
                byUri[uri] = list = [];
            }

            list.Add(Convert(diagnostic));
        }

        return byUri;
    }

    private static int Severity(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => 1,
        DiagnosticSeverity.Warning => 2,
        _ => 3,
    };
}
