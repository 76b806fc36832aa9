using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HyperDsl.Emit.Tests;

/// <summary>Conditional parameters are also reachable through per-choice records, where misuse does not compile.</summary>
public class BranchTypesTests
{
    private static IEnumerable<Diagnostic> CompileWith(string code)
    {
        var sources = EmitterTests.Generate("fashion-mnist-cnn.hyp").Sources;
        var compilation = GeneratedAssembly.Compilation(sources).AddSyntaxTrees(CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest)));
        return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Momentum_is_read_through_the_sgd_branch()
    {
        var errors = CompileWith("""
            using HyperDsl.Generated;
            static class Use
            {
                public static double Momentum(FashionCnnParams p) => p.OptimizerBranch is FashionCnnOptimizerBranch.Sgd sgd ? sgd.Momentum : 0;
            }
            """);

        Assert.Empty(errors);
    }

    [Fact]
    public void Reading_momentum_from_the_adam_branch_does_not_compile()
    {
        var errors = CompileWith("""
            using HyperDsl.Generated;
            static class Misuse
            {
                public static double Momentum(FashionCnnOptimizerBranch.Adam adam) => adam.Momentum;
            }
            """);

        Assert.Contains(errors, e => e.Id == "CS1061");
    }

    [Fact]
    public void The_branch_carries_the_sampled_value()
    {
        var assembly = GeneratedAssembly.Load(EmitterTests.Generate("fashion-mnist-cnn.hyp").Sources);
        var sgd = Enum.Parse(assembly.GetType("HyperDsl.Generated.FashionCnnOptimizer")!, "Sgd");
        var point = Activator.CreateInstance(assembly.GetType("HyperDsl.Generated.FashionCnnParams")!, [1e-3, 64, 1, 16, 0.0, sgd, 0.9, 0, 0.0])!;

        var branch = point.GetType().GetProperty("OptimizerBranch")!.GetValue(point)!;

        Assert.Equal("Sgd", branch.GetType().Name);
        Assert.Equal(0.9, branch.GetType().GetProperty("Momentum")!.GetValue(branch));
    }
}
