using HyperDsl.LanguageServer.Analysis;
using HyperDsl.LanguageServer.Protocol;
using HyperDsl.Syntax.Formatting;

namespace HyperDsl.LanguageServer.Features;

/// <summary>
/// <c>textDocument/formatting</c>: what <c>hyp fmt</c> writes (<see cref="SpecFormatter"/>), as one
/// edit over the whole document. No edit when the text is already canonical, and none when it has
/// syntax errors: a spec is never half formatted (the errors are already shown as diagnostics).
/// </summary>
internal static class DocumentFormatter
{
    public static IReadOnlyList<TextEdit> Format(DocumentAnalysis analysis)
    {
        if (analysis.Refusal is not null)
        {
            return [];
        }

        var result = SpecFormatter.Format(analysis.Tree);
        if (!result.Succeeded || result.Text == analysis.Tree.File.Text)
        {
            return [];
        }

        return [new TextEdit(LspPositions.Whole(analysis.Tree.File), result.Text!)];
    }
}
