using HyperDsl.Compiler;
using HyperDsl.Compiler.Emit;
using HyperDsl.TestKit;
using SyntaxTree = HyperDsl.Syntax.SyntaxTree;

namespace HyperDsl.Hosting.Tests;

public sealed class ExperimentAssemblyCompilerTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("hyp-cache-tests-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    private static IReadOnlyList<GeneratedSource> Generate(string text)
    {
        var (sources, diagnostics) = HypCompilationEmitter.Emit(HypCompilation.Create([SyntaxTree.Parse(text, "spec.hyp")]));
        Assert.Empty(diagnostics);
        return sources;
    }

    private static string Spec(int width) => File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "fashion-mnist-cnn.hyp"))
        .Replace("width     ~ choice(16, 32, 64)", $"width     ~ choice(16, 32, {width})", StringComparison.Ordinal);

    [Fact]
    public void An_unchanged_spec_is_compiled_once_and_then_loaded_from_the_cache()
    {
        var compiler = new ExperimentAssemblyCompiler(_cache);

        using var first = compiler.Load(Generate(Spec(64)));
        using var second = compiler.Load(Generate(Spec(64)));

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(first.CacheKey, second.CacheKey);
        Assert.NotNull(second.GetGeneratedType("FashionCnnExperiment").GetMethod("BuildModel"));
        Assert.Single(Directory.GetFiles(_cache, "*.dll"));
    }

    [Fact]
    public void A_changed_spec_gets_a_new_assembly()
    {
        var compiler = new ExperimentAssemblyCompiler(_cache);

        using var first = compiler.Load(Generate(Spec(64)));
        using var changed = compiler.Load(Generate(Spec(48)));

        Assert.False(changed.FromCache);
        Assert.NotEqual(first.CacheKey, changed.CacheKey);
    }

    [Fact]
    public void Without_a_cache_nothing_is_written()
    {
        using var loaded = new ExperimentAssemblyCompiler(null).Load(Generate(Spec(64)));

        Assert.False(loaded.FromCache);
        Assert.Empty(Directory.GetFiles(_cache));
    }

    [Fact]
    public void Generated_code_that_does_not_compile_is_reported_as_our_bug_with_the_sources_kept()
    {
        var broken = new GeneratedSource("Broken.g.cs", "namespace HyperDsl.Generated;\npublic static class Broken { public static int X => \"not an int\"; }\n",
            new GeneratedManifest("HyperDsl.Generated", [new GeneratedType(GeneratedTypeKind.Class, "Broken", [], ["X"], [])]));

        var error = Assert.Throws<GeneratedCodeException>(() => new ExperimentAssemblyCompiler(_cache).Load([broken]));

        try
        {
            Assert.StartsWith("HYP9001", error.Message, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(error.KeptAt, "Broken.g.cs")));
            Assert.Contains(error.Errors, e => e.Contains("CS0029", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(error.KeptAt, recursive: true);
        }
    }

    [Fact]
    public void Code_that_declares_more_than_the_generator_meant_is_refused_before_it_compiles_or_runs()
    {
        var created = Path.Combine(_cache, "pwned");
        var source = Generate(Spec(64)).Single();
        var injected = source with
        {
            Text = source.Text.Replace("namespace HyperDsl.Generated;", "namespace HyperDsl.Generated;\npublic static class Pwn { [System.Runtime.CompilerServices.ModuleInitializer] internal static void I() => System.IO.File.Create(" + SymbolLiteral(created) + ").Dispose(); }", StringComparison.Ordinal),
        };

        var error = Assert.Throws<GeneratedCodeException>(() => new ExperimentAssemblyCompiler(_cache).Load([injected]));

        try
        {
            Assert.StartsWith("HYP9001: the generated C# is not what the generator meant", error.Message, StringComparison.Ordinal);
            Assert.Contains(error.Errors, e => e.Contains("'Pwn'", StringComparison.Ordinal));
            Assert.False(File.Exists(created));
            Assert.Empty(Directory.GetFiles(_cache, "*.dll"));
        }
        finally
        {
            Directory.Delete(error.KeptAt, recursive: true);
        }
    }

    private static string SymbolLiteral(string text) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(text, quote: true);

    [Fact]
    public void A_loaded_experiment_builds_its_model()
    {
        Runtime.TorchRuntime.EnsureInitialized();
        using var loaded = new ExperimentAssemblyCompiler(null).Load(Generate(Spec(64)));
        var parameters = loaded.GetGeneratedType("FashionCnnParams");
        var optimizer = Enum.Parse(loaded.GetGeneratedType("FashionCnnOptimizer"), "Adam");
        var point = Activator.CreateInstance(parameters, [1e-3, 64, 2, 32, 0.1, optimizer, null, 0, 0.0])!;

        using var model = (TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>)loaded.GetGeneratedType("FashionCnnExperiment").GetMethod("BuildModel")!.Invoke(null, [point])!;

        Assert.True(Runtime.Models.ModelParameters.CountTrainable(model) > 0);
    }
}
