using HyperDsl.Compiler;
using HyperDsl.Compiler.Emit;
using HyperDsl.Compiler.Resolution;
using HyperDsl.TestKit;
using Microsoft.CodeAnalysis;
using SyntaxTree = HyperDsl.Syntax.SyntaxTree;

namespace HyperDsl.Emit.Tests;

/// <summary>
/// What <c>hyp check</c> calls clean, <c>hyp compile</c> compiles: every clean checker case
/// (tests/HyperDsl.Compiler.Tests/Cases) generates C# that compiles without warnings, or says
/// what the generator does not translate yet (HYP5001); never an internal error.
/// </summary>
public class CleanCaseTests
{
    private static readonly string CaseRoot = Path.Combine(RepositoryPaths.Root, "tests", "HyperDsl.Compiler.Tests", "Cases");

    public static TheoryData<string> CleanCases() => new(Directory.EnumerateDirectories(CaseRoot)
        .Where(folder => File.ReadLines(Path.Combine(folder, "main.hyp")).First() == "// expect: clean")
        .Select(Path.GetFileName)
        .Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(CleanCases))]
    public void A_clean_case_generates_csharp_that_compiles(string name)
    {
        var compilation = Compile(name);

        var (sources, diagnostics) = HypCompilationEmitter.Emit(compilation);

        Assert.All(diagnostics.Where(d => d.IsError), d => Assert.Equal("HYP5001", d.Code));
        Assert.Empty(GeneratedAssembly.Compilation(sources).GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    /// <summary>The compiler case <paramref name="name"/>, checked.</summary>
    internal static HypCompilation Compile(string name)
    {
        var folder = Path.Combine(CaseRoot, name);
        return HypCompilation.Create([SyntaxTree.Parse(File.ReadAllBytes(Path.Combine(folder, "main.hyp")), "main.hyp")], new FolderResolver(folder));
    }

    private sealed class FolderResolver(string folder) : ISourceResolver
    {
        public SpecFileRead Read(string path) => SpecFileReader.Read(Path.Combine(folder, path), SpecFileNaming.HypExtension);
    }
}
