using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Compiler.Differencing;

/// <summary>Spec text as a change shows it: on one line, escaped, cut when long.</summary>
internal static class DiffText
{
    private const int MaxWidth = 120;

    public static string OneLine(string text) =>
        DiagnosticText.Excerpt(string.Join(" ", text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Where(s => s.Length > 0)), MaxWidth);

    /// <summary>A setting's text without its name (<c>2</c> for <c>epochs 2</c>); a block setting's whole text.</summary>
    public static string Setting(Lowering.LoweredSetting setting)
    {
        var text = OneLine(setting.Span.Text);
        return setting.Body is null && text.StartsWith(setting.Name + " ", StringComparison.Ordinal) ? text[(setting.Name.Length + 1)..].TrimStart() : text;
    }
}
