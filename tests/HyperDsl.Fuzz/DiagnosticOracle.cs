using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Fuzz;

/// <summary>
/// What a diagnostic may print: in canonical form one line of at most <see cref="MaxLineLength"/>
/// characters, and annotated lines of no more, quoting only short, escaped excerpts of the spec:
/// no line terminator, control or other character that a terminal or a log would act on.
/// </summary>
public static class DiagnosticOracle
{
    /// <summary>The longest printed line: a path, a code and a message that quotes only excerpts.</summary>
    public const int MaxLineLength = 1_500;

    /// <summary>Throws <see cref="FuzzFindingException"/> when the diagnostic prints too much or an unsafe character, in either form.</summary>
    public static void Check(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        CheckPrinted(diagnostic.Code, DiagnosticFormatter.ToCanonical(diagnostic), DiagnosticFormatter.ToAnnotated(diagnostic).Split('\n'));
    }

    /// <summary>Judges printed text: the canonical line and the lines of the annotated form.</summary>
    public static void CheckPrinted(string code, string canonical, IEnumerable<string> annotatedLines)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        foreach (var line in annotatedLines.Prepend(canonical))
        {
            if (line.Length > MaxLineLength)
            {
                throw new FuzzFindingException($"{code} prints a line of {line.Length} characters (at most {MaxLineLength}): it quotes too much of the spec.");
            }

            if (line.Any(IsUnsafeInOneLine))
            {
                throw new FuzzFindingException($"{code} prints a line terminator or control character from the spec: {Escape(line)}");
            }
        }
    }

    // A tab is white space in a spec line and harmless on a terminal; every other control character is not.
    private static bool IsUnsafeInOneLine(char c) => (char.IsControl(c) && c != '\t') || c is '\u2028' or '\u2029' or '\u0085';

    private static string Escape(string text) =>
        string.Concat(text.Take(300).Select(c => IsUnsafeInOneLine(c) ? $"\\u{(int)c:X4}" : c.ToString()));
}
