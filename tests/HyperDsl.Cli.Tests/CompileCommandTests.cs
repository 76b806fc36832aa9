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

    private static string Tiny(string name) => $$"""
        experiment {{name}} {
          data { source synthetic(count: 8, shape: [3, 8, 8], classes: 2); validation 20% }
          params { w ~ choice(4, 8) }
          model { conv(w, kernel: 3, padding: same); global_avgpool; linear(2) }
          train { epochs 1; optimizer adam(lr: 1e-3) }
          tune { objective maximize val_accuracy; trials 1 }
        }
        """;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, "specs", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Two_files_declaring_the_same_experiment_are_reported_and_neither_overwrites_the_other()
    {
        Write("a.hyp", Tiny("tiny"));
        Write("b.hyp", Tiny("tiny"));
        var output = Path.Combine(_folder, "generated");

        var result = CliRunner.Run(["compile", Path.Combine(_folder, "specs"), "-o", output, "--cache", Path.Combine(_folder, "cache")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("HYP5005", result.Output, StringComparison.Ordinal);
        Assert.Contains("a.hyp", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(output) ? Directory.GetFiles(output) : []);
    }

    [Fact]
    public void Experiments_whose_files_differ_only_in_case_are_reported()
    {
        Write("a.hyp", Tiny("a_b") + "\n" + Tiny("ab"));
        var output = Path.Combine(_folder, "generated");

        var result = CliRunner.Run(["compile", Path.Combine(_folder, "specs"), "-o", output, "--cache", Path.Combine(_folder, "cache")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("HYP5005", result.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(output) ? Directory.GetFiles(output) : []);
    }

    [Fact]
    public void A_spec_whose_file_name_holds_a_line_separator_compiles()
    {
        var spec = Write("tiny\u2028study.hyp", Tiny("tiny"));
        var output = Path.Combine(_folder, "generated");

        var result = CliRunner.Run(["compile", spec, "-o", output, "--cache", Path.Combine(_folder, "cache")]);

        Assert.Equal("", result.Error);
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain('\u2028', File.ReadAllText(Path.Combine(output, "Tiny.g.cs")));
    }
}
