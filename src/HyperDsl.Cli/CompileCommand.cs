using System.CommandLine;
using HyperDsl.Compiler;
using HyperDsl.Compiler.Emit;
using HyperDsl.Syntax;
using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Cli;

/// <summary><c>hyp compile FILE... -o DIR</c>: checks the specs and writes the C# generated for each experiment.</summary>
internal static class CompileCommand
{
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("files") { Description = ".hyp files (or directories) to compile.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the generated .cs files.", DefaultValueFactory = _ => "generated" };
        var command = new Command("compile", "Check specs and write the strongly typed C# generated for each experiment.") { files, output };
        command.SetAction(parseResult => Execute(parseResult.GetRequiredValue(files), parseResult.GetRequiredValue(output), console));
        return command;
    }

    private static int Execute(string[] inputs, string output, CliConsole console)
    {
        var loaded = SpecFileLoader.Load(inputs);
        foreach (var problem in loaded.Problems)
        {
            console.Error.WriteLine($"hyp: error: {problem}");
        }

        var compilation = HypCompilation.Create(loaded.Files.Select(f => SyntaxTree.Parse(f.Bytes, f.DisplayPath)), new FileSystemSourceResolver());
        var (sources, diagnostics) = HypCompilationEmitter.Emit(compilation);
        foreach (var diagnostic in diagnostics)
        {
            console.Out.Write((console.IsTerminal ? DiagnosticFormatter.ToAnnotated(diagnostic) : DiagnosticFormatter.ToCanonical(diagnostic)) + "\n");
        }

        try
        {
            Directory.CreateDirectory(output);
            foreach (var source in sources)
            {
                var path = Path.Combine(output, source.HintName);
                File.WriteAllText(path, source.Text);
                console.Out.Write($"wrote {path}\n");
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"hyp: error: cannot write to '{output}': {error.Message}");
            return ExitCodes.UsageOrIo;
        }

        return loaded.Problems.Count > 0 ? ExitCodes.UsageOrIo : diagnostics.Any(d => d.IsError) ? ExitCodes.SpecErrors : ExitCodes.Success;
    }
}
