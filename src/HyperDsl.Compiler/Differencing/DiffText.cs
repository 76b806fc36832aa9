using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Compiler.Differencing;

/// <summary>Spec text as a change shows it: on one line, escaped, cut when long.</summary>
internal static class DiffText
{
    private const int MaxWidth = 120;

    public static string OneLine(string text) =>
        DiagnosticText.Excerpt(string.Join(" ", text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Where(s => s.Length > 0)), MaxWidth);
}
