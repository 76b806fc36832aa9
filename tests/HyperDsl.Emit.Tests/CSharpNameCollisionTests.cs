using HyperDsl.Compiler;
using HyperDsl.Compiler.Emit;
using Microsoft.CodeAnalysis;
using SyntaxTree = HyperDsl.Syntax.SyntaxTree;

namespace HyperDsl.Emit.Tests;

/// <summary>
/// Spec names that C# could confuse: either the naming scheme keeps them apart (the generated
/// code compiles with no warning), or the checker reports them, so <c>hyp check</c> and
/// <c>hyp compile</c> agree.
/// </summary>
public class CSharpNameCollisionTests
{
    private static string Experiment(string name, string parameters, string model, string blocks = "") => $$"""
        {{blocks}}
        experiment {{name}} {
          data { source synthetic(count: 8, shape: [3, 8, 8], classes: 2); validation 20% }
          params {
            {{parameters}}
          }
          model {
            {{model}}
            global_avgpool
            linear(2)
          }
          train { epochs 1; optimizer adam(lr: 1e-3) }
          tune { objective maximize val_accuracy; trials 1 }
        }
        """;

    private const string Conv = "conv(4, kernel: 3, padding: same)";

    public static TheoryData<string, string> Compiling() => new()
    {
        { "a block parameter named like the builder", Experiment("e", "w ~ choice(4, 8)", "stage(w)", "block stage(b: int) { conv(b, kernel: 3, padding: same) }") },
        { "block parameters named like generated locals", Experiment("e", "w ~ choice(4, 8)", "stage(w, 2, 1)", "block stage(v_i: int, match0: int, p: int) { for i in 0 ..< match0 { conv(v_i + p, kernel: 3, padding: same) } }") },
        { "a loop variable that shadows another", Experiment("e", "w ~ choice(4, 8)", $"for i in 0 ..< 2 {{ for i in 0 ..< 2 {{ conv(w + i, kernel: 3, padding: same) }} }}") },
        { "a parameter named like the generated enum of another", Experiment("e", "gate ~ choice(on, off)\n e_gate ~ choice(1, 2)", $"if gate == on {{ {Conv} }}\n for i in 0 ..< e_gate {{ {Conv} }}") },
        { "choices named like their enum and like members every enum has", Experiment("e", "gate ~ choice(e_gate, equals, to_string)", $"if gate == equals {{ {Conv} }}") },
        { "a parameter named like a record member C# allows", Experiment("e", "finalize ~ choice(1, 2)", $"for i in 0 ..< finalize {{ {Conv} }}") },
        { "sample locals named like the trial", Experiment("e", "trial ~ choice(1, 2)\n s_trial ~ choice(1, 2)", $"for i in 0 ..< trial + s_trial {{ {Conv} }}") },
    };

    public static TheoryData<string, string, string> Reported() => new()
    {
        { "two parameters", Experiment("e", "a_b ~ choice(1, 2)\n aB ~ choice(1, 2)", $"for i in 0 ..< a_b + aB {{ {Conv} }}"), "HYP5003" },
        { "two choices of one parameter", Experiment("e", "kind ~ choice(a_b, aB)", $"if kind == a_b {{ {Conv} }}"), "HYP5003" },
        { "two blocks", Experiment("e", "w ~ choice(4, 8)", "a_b(w)\n aB(w)", "block a_b(w: int) { conv(w, kernel: 3, padding: same) }\nblock aB(w: int) { conv(w, kernel: 3, padding: same) }"), "HYP5003" },
        { "two experiments in one file", Experiment("tiny", "w ~ choice(4, 8)", $"for i in 0 ..< w {{ {Conv} }}") + "\n" + Experiment("Tiny", "w ~ choice(4, 8)", $"for i in 0 ..< w {{ {Conv} }}"), "HYP5005" },
        { "a choice and another experiment", Experiment("a", "b_params ~ choice(x, y)", $"if b_params == x {{ {Conv} }}") + "\n" + Experiment("a_b", "w ~ choice(4, 8)", $"for i in 0 ..< w {{ {Conv} }}"), "HYP5003" },
        { "a parameter and a record member", Experiment("e", "equals ~ choice(1, 2)", $"for i in 0 ..< equals {{ {Conv} }}"), "HYP5004" },
        { "a derived parameter and a record member", Experiment("e", "w ~ choice(4, 8)\n get_type = w * 2", $"for i in 0 ..< get_type {{ {Conv} }}"), "HYP5004" },
        { "a parameter and a name records may not have", Experiment("e", "clone ~ choice(1, 2)", $"for i in 0 ..< clone {{ {Conv} }}"), "HYP5004" },
        { "a parameter and its record", Experiment("e", "e_params ~ choice(1, 2)", $"for i in 0 ..< e_params {{ {Conv} }}"), "HYP5004" },
        { "a parameter and a branch property", Experiment("e", "gate ~ choice(on, off)\n depth ~ choice(1, 2) when gate == on\n gate_branch ~ choice(1, 2)", $"if gate == on {{ for i in 0 ..< depth {{ {Conv} }} }}\n for i in 0 ..< gate_branch {{ {Conv} }}"), "HYP5003" },
    };

    private static (HypCompilation Compilation, System.Collections.Immutable.ImmutableArray<GeneratedSource> Sources) Generate(string spec)
    {
        var compilation = HypCompilation.Create([SyntaxTree.Parse(spec, "names.hyp")]);
        var (sources, diagnostics) = HypCompilationEmitter.Emit(compilation);
        Assert.DoesNotContain(diagnostics, d => d.Code == "HYP5001");
        return (compilation, sources);
    }

    [Theory]
    [MemberData(nameof(Compiling))]
    public void Names_the_scheme_keeps_apart_check_clean_and_compile_without_warnings(string what, string spec)
    {
        var (compilation, sources) = Generate(spec);

        Assert.False(compilation.HasErrors, what + ":\n" + string.Join("\n", compilation.Diagnostics));
        Assert.Empty(GeneratedAssembly.Compilation(sources).GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Theory]
    [MemberData(nameof(Reported))]
    public void Names_that_would_become_one_csharp_name_are_reported_by_the_checker(string what, string spec, string code)
    {
        var (compilation, sources) = Generate(spec);

        Assert.True(compilation.Diagnostics.Any(d => d.Code == code), what + ":\n" + string.Join("\n", compilation.Diagnostics));
        Assert.Empty(sources);
    }
}
