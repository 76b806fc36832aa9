using HyperDsl.Compiler;
using HyperDsl.Compiler.Emit;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Syntax;
using HyperDsl.TestKit;

namespace HyperDsl.Fuzz.Tests;

public class GeneratedCodeOracleTests
{
    // The oracle trusts no manifest: it judges the code alone.
    private static readonly GeneratedManifest NoManifest = new("HyperDsl.Generated", []);

    [Fact]
    public void What_the_generator_writes_for_an_example_passes()
    {
        var path = Path.Combine(RepositoryPaths.Examples, "quickstart.hyp");
        var compilation = HypCompilation.Create([SyntaxTree.Parse(File.ReadAllBytes(path), path)], new FileSystemSourceResolver());
        var source = Assert.Single(HypCompilationEmitter.Emit(compilation).Sources);
        GeneratedCodeOracle.Check(source);
    }

    [Fact]
    public void A_type_not_named_after_the_experiment_is_a_finding()
    {
        var source = new GeneratedSource("Quickstart.g.cs", "namespace HyperDsl.Generated;\npublic sealed class QuickstartExperiment { }\npublic static class Pwn { }\n", NoManifest);
        var finding = Assert.Throws<FuzzFindingException>(() => GeneratedCodeOracle.Check(source));
        Assert.Contains("'Pwn'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_module_initializer_is_a_finding()
    {
        var source = new GeneratedSource("Quickstart.g.cs",
            "namespace HyperDsl.Generated;\npublic static class QuickstartExperiment { [System.Runtime.CompilerServices.ModuleInitializer] internal static void I() { } }\n", NoManifest);
        var finding = Assert.Throws<FuzzFindingException>(() => GeneratedCodeOracle.Check(source));
        Assert.Contains("module initializer", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_that_does_not_parse_is_a_finding()
    {
        var source = new GeneratedSource("Quickstart.g.cs", "namespace HyperDsl.Generated;\npublic sealed class QuickstartExperiment {\n", NoManifest);
        var finding = Assert.Throws<FuzzFindingException>(() => GeneratedCodeOracle.Check(source));
        Assert.Contains("does not parse", finding.Message, StringComparison.Ordinal);
    }
}
