using System.CommandLine;
using System.Text;
using HyperDsl.Syntax;
using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Formatting;

namespace HyperDsl.Cli;

/// <summary>
/// <c>hyp fmt FILE|DIR... [--check]</c>: rewrites specs in the canonical layout (see
/// docs/editor-and-source-control.md). A file with syntax errors is reported as <c>hyp check</c>
/// would and left alone; a file is written, atomically, only when its text changes.
/// </summary>
internal static class FmtCommand
{
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("files")
        {
            Description = ".hyp files to format; a directory means every .hyp file under it.",
            Arity = ArgumentArity.OneOrMore,
        };
        var check = new Option<bool>("--check")
        {
            Description = "Write nothing: list the files that are not in canonical form and exit with 1 if there are any (for CI).",
        };
        var format = new Option<DiagnosticFormat>("--format")
        {
            Description = "How to print syntax errors: 'canonical' (path(line,col): error CODE: message), 'annotated' (also the source line and a caret), or 'auto' (annotated on a terminal).",
            DefaultValueFactory = _ => DiagnosticFormat.Auto,
        };
        var command = new Command("fmt", "Lay .hyp specs out in the one canonical form, keeping every comment; --check only lists the files that would change.") { files, check, format };
        command.SetAction(parseResult => Execute(parseResult.GetRequiredValue(files), parseResult.GetValue(check), parseResult.GetValue(format), console));
        return command;
    }

    private static int Execute(string[] inputs, bool checkOnly, DiagnosticFormat format, CliConsole console)
    {
        var loaded = SpecFileLoader.Load(inputs);
        var ioProblems = loaded.Problems.Count;
        foreach (var problem in loaded.Problems)
        {
            console.Error.WriteLine($"hyp: error: {problem}");
        }

        var annotated = format == DiagnosticFormat.Annotated || (format == DiagnosticFormat.Auto && console.IsTerminal);
        var failed = false;
        foreach (var file in loaded.Files)
        {
            var result = SpecFormatter.Format(SyntaxTree.Parse(file.Bytes, file.DisplayPath));
            if (!result.Succeeded)
            {
                foreach (var diagnostic in result.Diagnostics)
                {
                    console.Out.Write((annotated ? DiagnosticFormatter.ToAnnotated(diagnostic) : DiagnosticFormatter.ToCanonical(diagnostic)) + "\n");
                }

                failed = true;
                continue;
            }

            var formatted = Encoding.UTF8.GetBytes(result.Text!);
            if (formatted.AsSpan().SequenceEqual(file.Bytes))
            {
                continue;
            }

            if (checkOnly)
            {
                console.Out.Write($"{file.DisplayPath}\n");
                failed = true;
            }
            else if (AtomicFile.TryWrite(file.DisplayPath, formatted) is { } problem)
            {
                console.Error.WriteLine($"hyp: error: cannot write '{DiagnosticText.Escape(file.DisplayPath)}': {problem}");
                ioProblems++;
            }
            else
            {
                console.Out.Write($"formatted {file.DisplayPath}\n");
            }
        }

        return ioProblems > 0 ? ExitCodes.UsageOrIo : failed ? ExitCodes.SpecErrors : ExitCodes.Success;
    }
}
