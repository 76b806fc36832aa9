using HyperDsl.TestKit;

namespace HyperDsl.Cli.Tests;

public sealed class CompileCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-compile-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Compile_writes_the_generated_csharp_and_caches_the_compiled_assembly()
    {
        var output = Path.Combine(_folder, "generated");
        var cache = Path.Combine(_folder, "cache");
        var spec = Path.Combine(RepositoryPaths.Examples, "fashion-mnist-cnn.hyp");

        var first = CliRunner.Run(["compile", spec, "-o", output, "--cache", cache]);
        var second = CliRunner.Run(["compile", spec, "-o", output, "--cache", cache]);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("public sealed partial record FashionCnnParams(", File.ReadAllText(Path.Combine(output, "FashionCnn.g.cs")), StringComparison.Ordinal);
        Assert.Contains("compiled 1 experiment in", first.Output, StringComparison.Ordinal);
        Assert.Contains("loaded from the cache", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_refuses_a_spec_with_errors_and_writes_nothing()
    {
        var spec = Path.Combine(_folder, "bad.hyp");
        File.WriteAllText(spec, "experiment e { model { flatten } }\n");
        var output = Path.Combine(_folder, "generated");

        var result = CliRunner.Run(["compile", spec, "-o", output, "--cache", Path.Combine(_folder, "cache")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("HYP1013", result.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(output) ? Directory.GetFiles(output) : []);
    }
}
