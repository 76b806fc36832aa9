using System.Security.Cryptography;
using HyperDsl.Compiler;
using HyperDsl.Compiler.Emit;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Hosting;
using HyperDsl.Syntax;

namespace HyperDsl.Fuzz;

/// <summary>How far an input got through the pipeline.</summary>
public enum ProbeOutcome
{
    /// <summary>It has errors: the checker reported them, as it should.</summary>
    Rejected,

    /// <summary>It checked clean but the generator reports a construct it does not translate yet (HYP5001).</summary>
    CheckedClean,

    /// <summary>It checked clean and its C# was generated and parsed.</summary>
    Generated,

    /// <summary>Its generated C# was also compiled by Roslyn.</summary>
    Compiled,
}

/// <summary>
/// Runs one input through every stage a host runs (parse, check with imports from disk, generate,
/// and within a budget compile) and throws <see cref="FuzzFindingException"/> where a stage breaks
/// a promise: a diagnostic that is not one short line, a clean check whose C# does not parse or
/// compile. Any other exception escaping a stage is a finding too (the caller sees it).
/// </summary>
public sealed class PipelineProbe
{
    private readonly HashSet<string> _compiled = new(StringComparer.Ordinal);
    private readonly ExperimentAssemblyCompiler _compiler = new(cacheDirectory: null);
    private int _compileBudget;

    /// <summary>Creates a probe that compiles at most <paramref name="compileBudget"/> distinct generated sources (Roslyn takes most of a second each).</summary>
    public PipelineProbe(int compileBudget)
    {
        _compileBudget = compileBudget;
    }

    /// <summary>Runs the input through the pipeline.</summary>
    public ProbeOutcome Run(FuzzInput input)
    {
        // Hosts refuse larger files before parsing them (as they would a file that is not a spec).
        if (input.Bytes.Length > SpecFileReader.MaxBytes)
        {
            return ProbeOutcome.Rejected;
        }

        var tree = SyntaxTree.Parse(input.Bytes, input.DisplayPath);
        var compilation = HypCompilation.Create([tree], new FileSystemSourceResolver());
        foreach (var diagnostic in compilation.Diagnostics)
        {
            DiagnosticOracle.Check(diagnostic);
        }

        if (compilation.HasErrors)
        {
            return ProbeOutcome.Rejected;
        }

        var (sources, diagnostics) = HypCompilationEmitter.Emit(compilation);
        foreach (var diagnostic in diagnostics)
        {
            DiagnosticOracle.Check(diagnostic);
        }

        if (sources.IsEmpty)
        {
            return ProbeOutcome.CheckedClean;
        }

        foreach (var source in sources)
        {
            GeneratedCodeOracle.Check(source);
        }

        var key = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Concat(sources.Select(s => s.HintName + "\n" + s.Text)))));
        if (_compileBudget <= 0 || !_compiled.Add(key))
        {
            return ProbeOutcome.Generated;
        }

        _compileBudget--;
        try
        {
            // Loading runs no code: no type of the assembly is touched, so a module initializer that slipped in would not run here.
            using var loaded = _compiler.Load(sources);
        }
        catch (GeneratedCodeException error)
        {
            throw new FuzzFindingException($"the spec checks clean but its generated C# does not compile: {error.Message.ReplaceLineEndings(" | ")}");
        }

        return ProbeOutcome.Compiled;
    }
}
