using HyperDsl.Compiler;
using HyperDsl.Compiler.Emit;
using HyperDsl.Compiler.Resolution;
using SyntaxTree = HyperDsl.Syntax.SyntaxTree;
using HyperDsl.TestKit;
using Microsoft.CodeAnalysis;

namespace HyperDsl.Emit.Tests;

public class EmitterTests
{
    // The block libraries under examples/blocks hold no experiment. Matched on the path inside examples/, not the
    // whole path: a checkout whose own path holds "blocks" (a worktree named wt-blocks) would otherwise lose every example.
    public static TheoryData<string> Examples() => new(RepositoryPaths.ExampleSpecs
        .Select(path => Path.GetRelativePath(RepositoryPaths.Examples, path))
        .Where(p => !p.Contains("blocks", StringComparison.Ordinal)));

    internal static (HypCompilation Compilation, System.Collections.Immutable.ImmutableArray<GeneratedSource> Sources, System.Collections.Immutable.ImmutableArray<Syntax.Diagnostics.Diagnostic> Diagnostics) Generate(string example)
    {
        var path = Path.Combine("examples", example);
        var compilation = HypCompilation.Create([SyntaxTree.Parse(File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, path)), path)], new RootResolver());
        var (sources, diagnostics) = HypCompilationEmitter.Emit(compilation);
        return (compilation, sources, diagnostics);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_generates_its_baselined_csharp_or_says_what_is_not_supported_yet(string example)
    {
        var (_, sources, diagnostics) = Generate(example);

        Assert.All(diagnostics, d => Assert.Equal("HYP5001", d.Code));
        foreach (var source in sources)
        {
            BaselineAssert.Matches(source.Text, Path.Combine("Baselines", source.HintName));
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Generated_code_compiles_without_errors_or_warnings(string example)
    {
        var (_, sources, _) = Generate(example);

        var problems = GeneratedAssembly.Compilation(sources).GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning);

        Assert.Empty(problems);
    }

    [Fact]
    public void The_same_spec_generates_byte_identical_code()
    {
        var first = Generate("fashion-mnist-cnn.hyp").Sources.Single().Text;
        var second = Generate("fashion-mnist-cnn.hyp").Sources.Single().Text;

        Assert.Equal(first, second);
    }

    [Fact]
    public void A_spec_with_errors_generates_nothing()
    {
        var compilation = HypCompilation.Create([SyntaxTree.Parse("experiment e { model { conv(16) relu } }", "bad.hyp")]);

        var (sources, diagnostics) = HypCompilationEmitter.Emit(compilation);

        Assert.Empty(sources);
        Assert.Contains(diagnostics, d => d.IsError);
    }

    [Fact]
    public void Csharp_keywords_as_spec_names_compile_as_prefixed_locals()
    {
        const string Spec = """
            block @stage(base: int, event: int = 2) {
              for int in 0 ..< event { conv(base, kernel: 3, padding: same); relu }
            }
            experiment class {
              data { source synthetic(count: 8, shape: [3, 8, 8], classes: 2); validation 20% }
              params {
                namespace ~ choice(4, 8)
                object ~ choice(on, off)
              }
              model {
                stage(namespace)
                if object == on { relu }
                global_avgpool
                linear(2)
              }
              train { epochs 1; optimizer adam(lr: 1e-3) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """;
        var compilation = HypCompilation.Create([SyntaxTree.Parse(Spec.Replace("@stage", "stage", StringComparison.Ordinal), "path \"with\" quotes\n*/.hyp")]);
        var (sources, diagnostics) = HypCompilationEmitter.Emit(compilation);

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratedAssembly.Compilation(sources).GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Contains("long a_base", sources.Single().Text, StringComparison.Ordinal);
        Assert.Contains("for (var v_int = 0L", sources.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_strings_in_a_spec_stay_string_literals()
    {
        // No line break: a data path holding one is an error of its own (HYP4011); HostileSpecTextTests puts terminators in other strings.
        const string Hostile = """data/\\\"; System.Environment.Exit(1); // */ \u{1F600}""";
        var spec = $$"""
            experiment e {
              data {
                source image_folder("{{Hostile}}", classes: 2)
                resize 8
                validation 20%
              }
              model { flatten; linear(2) }
              train { epochs 1; optimizer adam(lr: 1e-3) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """;
        var compilation = HypCompilation.Create([SyntaxTree.Parse(spec, "e.hyp")]);
        var (sources, diagnostics) = HypCompilationEmitter.Emit(compilation);

        Assert.Empty(diagnostics);
        var csharp = GeneratedAssembly.Compilation(sources);
        Assert.Empty(csharp.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var literal = csharp.SyntaxTrees.Single().GetRoot().DescendantNodes()
            .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax>()
            .Single(l => l.Token.ValueText.StartsWith("data/", StringComparison.Ordinal));
        Assert.Equal("data/\\\"; System.Environment.Exit(1); // */ \U0001F600", literal.Token.ValueText);
    }

    private sealed class RootResolver : ISourceResolver
    {
        public SpecFileRead Read(string path) => SpecFileReader.Read(Path.Combine(RepositoryPaths.Root, path), SpecFileNaming.HypExtension);
    }
}
