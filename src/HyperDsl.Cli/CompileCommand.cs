using System.CommandLine;
using HyperDsl.Compiler;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Compiler.Emit;
using HyperDsl.Hosting;
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
        var cache = new Option<string>("--cache")
        {
            Description = "Where compiled experiments are cached, keyed by their code and the generator's version.",
            DefaultValueFactory = _ => ExperimentAssemblyCompiler.DefaultCacheDirectory,
        };
        var command = new Command("compile", "Check specs, write the strongly typed C# generated for each experiment, and compile it.") { files, output, cache };
        command.SetAction(parseResult => Execute(parseResult.GetRequiredValue(files), parseResult.GetRequiredValue(output), parseResult.GetRequiredValue(cache), console));
        return command;
    }

    private static int Execute(string[] inputs, string output, string cache, CliConsole console)
    {
        var loaded = SpecFileLoader.Load(inputs);
        foreach (var problem in loaded.Problems)
        {
            console.Error.WriteLine($"hyp: error: {problem}");
        }

        if (loaded.Files.Count == 0)
        {
            return ExitCodes.UsageOrIo;
        }

        var compilation = HypCompilation.Create(loaded.Files.Select(f => SyntaxTree.Parse(f.Bytes, f.DisplayPath)), new FileSystemSourceResolver());
        var (sources, diagnostics) = HypCompilationEmitter.Emit(compilation);
        foreach (var diagnostic in diagnostics)
        {
            console.Out.Write((console.IsTerminal ? DiagnosticFormatter.ToAnnotated(diagnostic) : DiagnosticFormatter.ToCanonical(diagnostic)) + "\n");
        }

        // The checker reports experiments that would share a file (HYP5005); this keeps it so, whatever the file system.
        if (sources.GroupBy(s => s.HintName, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } shared)
        {
            console.Error.WriteLine($"hyp: internal error: two experiments would both be written to '{shared.Key}'; nothing was written. This is a bug in HyperDsl.");
            return ExitCodes.SpecErrors;
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

        if (sources.Length > 0)
        {
            try
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                using var experiments = new ExperimentAssemblyCompiler(cache).Load(sources);
                console.Out.Write(experiments.FromCache
                    ? $"compiled {sources.Length} experiment{(sources.Length == 1 ? "" : "s")} (unchanged: loaded from the cache)\n"
                    : $"compiled {sources.Length} experiment{(sources.Length == 1 ? "" : "s")} in {watch.ElapsedMilliseconds} ms\n");
            }
            catch (GeneratedCodeException error)
            {
                console.Error.WriteLine($"hyp: internal error: {error.Message}");
                return ExitCodes.SpecErrors;
            }
        }

        return loaded.Problems.Count > 0 ? ExitCodes.UsageOrIo : diagnostics.Any(d => d.IsError) ? ExitCodes.SpecErrors : ExitCodes.Success;
    }
}
