using System.CommandLine;
using HyperDsl.Compiler;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Syntax;
using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Cli;

/// <summary><c>hyp check FILE...</c>: reports every diagnostic of the given specs without running anything.</summary>
internal static class CheckCommand
{
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("files")
        {
            Description = ".hyp files to check; a directory means every .hyp file under it.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<DiagnosticFormat>("--format")
        {
            Description = "How to print diagnostics: 'canonical' (path(line,col): error CODE: message), 'annotated' (also the source line and a caret), or 'auto' (annotated on a terminal).",
            DefaultValueFactory = _ => DiagnosticFormat.Auto,
        };

        var summary = new Option<bool?>("--summary")
        {
            Description = "Also print each experiment's parameters, space size, shapes, parameter counts and strategy (the default on a terminal).",
        };
        var command = new Command("check", "Check .hyp specs and report every problem, with file, line and column.") { files, format, summary };
        command.SetAction(parseResult => Execute(parseResult.GetRequiredValue(files), parseResult.GetValue(format), parseResult.GetValue(summary), console));
        return command;
    }

    private static int Execute(string[] inputs, DiagnosticFormat format, bool? summary, CliConsole console)
    {
        var loaded = SpecFileLoader.Load(inputs);
        foreach (var problem in loaded.Problems)
        {
            console.Error.WriteLine($"hyp: error: {problem}");
        }

        var compilation = HypCompilation.Create(loaded.Files.Select(file => SyntaxTree.Parse(file.Bytes, file.DisplayPath)), new FileSystemSourceResolver());
        var annotated = format == DiagnosticFormat.Annotated || (format == DiagnosticFormat.Auto && console.IsTerminal);
        foreach (var diagnostic in compilation.Diagnostics)
        {
            console.Out.Write(annotated ? DiagnosticFormatter.ToAnnotated(diagnostic) + "\n" : DiagnosticFormatter.ToCanonical(diagnostic) + "\n");
        }

        if ((annotated && summary != false) || summary == true)
        {
            foreach (var experiment in compilation.Experiments)
            {
                console.Out.Write("\n" + CheckedExperimentFormatter.Format(experiment));
            }
        }

        if (annotated)
        {
            if (compilation.Experiments.Length > 0 && summary != false)
            {
                console.Out.Write("\n");
            }

            var errors = compilation.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            var warnings = compilation.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
            console.Out.Write($"Checked {Plural(loaded.Files.Count, "file")}: {Plural(errors, "error")}, {Plural(warnings, "warning")}.\n");
        }

        if (loaded.Problems.Count > 0)
        {
            return ExitCodes.UsageOrIo;
        }

        return compilation.HasErrors ? ExitCodes.SpecErrors : ExitCodes.Success;
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
