using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Fuzz;

/// <summary>What a diagnostic may print: one line of at most <see cref="MaxMessageLength"/> characters, quoting only short, escaped excerpts of the spec.</summary>
public static class DiagnosticOracle
{
    /// <summary>The longest a diagnostic message may be.</summary>
    public const int MaxMessageLength = 1_000;

    /// <summary>Throws <see cref="FuzzFindingException"/> when the diagnostic is too long or prints a line terminator or control character.</summary>
    public static void Check(Diagnostic diagnostic)
    {
        var canonical = DiagnosticFormatter.ToCanonical(diagnostic);
        if (diagnostic.Message.Length > MaxMessageLength)
        {
            throw new FuzzFindingException($"{diagnostic.Code}'s message is {diagnostic.Message.Length} characters long (at most {MaxMessageLength}): it quotes too much of the spec.");
        }

        if (canonical.Any(IsUnsafeInOneLine) || (diagnostic.Help ?? "").Any(IsUnsafeInOneLine))
        {
            throw new FuzzFindingException($"{diagnostic.Code} prints a line terminator or control character from the spec: {Escape(canonical)}");
        }

        _ = DiagnosticFormatter.ToAnnotated(diagnostic);
    }

    private static bool IsUnsafeInOneLine(char c) => char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085';

    private static string Escape(string text) =>
        string.Concat(text.Take(300).Select(c => IsUnsafeInOneLine(c) ? $"\\u{(int)c:X4}" : c.ToString()));
}
