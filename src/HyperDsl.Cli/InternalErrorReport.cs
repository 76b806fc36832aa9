using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Cli;

/// <summary>
/// What <c>hyp</c> prints when a bug escapes a command: one paragraph naming the exception and
/// its first line, no stack trace (a user's terminal and CI log are no place for one) unless
/// <see cref="DebugVariable"/> asks for it.
/// </summary>
internal static class InternalErrorReport
{
    /// <summary>Set to 1 to print the stack trace as well.</summary>
    public const string DebugVariable = "HYP_DEBUG";

    /// <summary>Writes the report to standard error and returns <see cref="ExitCodes.InternalError"/>.</summary>
    public static int Write(Exception error, CliConsole console, bool withStackTrace)
    {
        var message = DiagnosticText.Excerpt(error.Message.ReplaceLineEndings("\n").Split('\n')[0], 300);
        console.Error.WriteLine($"hyp: internal error: {error.GetType().Name}: {message}");
        console.Error.WriteLine($"This is a bug in HyperDsl, not a mistake in your spec or command line; please report it. Set {DebugVariable}=1 to print where it happened.");
        if (withStackTrace)
        {
            console.Error.WriteLine(error.ToString());
        }

        return ExitCodes.InternalError;
    }
}
