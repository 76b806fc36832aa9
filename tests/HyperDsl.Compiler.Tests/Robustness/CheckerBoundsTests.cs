using HyperDsl.Compiler.Emit;
using HyperDsl.Syntax;
using HyperDsl.TestKit;

namespace HyperDsl.Compiler.Tests.Robustness;

/// <summary>
/// Hostile sizes get a diagnostic, quickly, on a 1 MB thread stack: long expression chains,
/// long chains of derived parameters, blocks, loops, conditions and <c>extends</c>, huge layer
/// counts and choices. The time limits are hang guards, far above what each case takes.
/// </summary>
public class CheckerBoundsTests
{
    // Well over the 1-2 s a case takes alone: test assemblies run side by side on CI's two cores,
    // and a 10 s guard tripped on a loaded machine without any hang.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    // For the checks that spend the whole check budget on purpose: a few seconds in a debug build.
    private static readonly TimeSpan BudgetHangGuard = TimeSpan.FromSeconds(60);

    private static string Spec(string parameters = "", string model = "relu\n    flatten\n    linear(10)", string after = "", string name = "e", string data = "source fashion_mnist()") => $$"""
        experiment {{name}} {
          data {
            {{data}}
            validation 20%
          }
          params {
            lr ~ loguniform(1e-3, 1e-1)
        {{parameters}}
          }
          model {
            {{model}}
          }
          train {
            epochs    1
            optimizer adam(lr: lr)
          }
          tune {
            objective maximize val_accuracy
            trials    4
          }
        }
        {{after}}
        """;

    private static string Chain(string separator, string term, int count) => string.Join(separator, Enumerable.Repeat(term, count));

    // ---- expressions ----------------------------------------------------------------------------

    public static TheoryData<string, string> HostileExpressions() => new()
    {
        { "a derived parameter", Spec(parameters: "x = " + Chain(" + ", "1", 100_000)) },
        { "a condition", Spec(parameters: "d ~ choice(true, false)\ny ~ uniform(0, 1) when " + Chain(" and ", "d", 100_000)) },
        { "a layer argument", Spec(model: "conv(" + Chain(" * ", "1", 100_000) + ")\n flatten\n linear(10)") },
        { "a constraint", Spec(parameters: "d ~ int(1, 3)\nrequire " + Chain(" == ", "d", 100_000)) },
        { "an index chain", Spec(parameters: "l = [1]\nx = l" + string.Concat(Enumerable.Repeat("[0]", 100_000))) },
        { "a member chain", Spec(parameters: "x = model" + string.Concat(Enumerable.Repeat(".b", 100_000))) },
        { "a schedule", Spec().Replace("epochs    1", "epochs 1\nschedule " + Chain(" then ", "cosine", 100_000), StringComparison.Ordinal) },
        { "a block argument", Spec(model: "b(" + Chain(" - ", "1", 100_000) + ")\n flatten\n linear(10)", after: "block b(n: int) { relu }") },
    };

    [Theory]
    [MemberData(nameof(HostileExpressions))]
    public void A_hundred_thousand_term_chain_is_refused_and_the_other_files_are_still_checked(string where, string text)
    {
        var compilation = Check(("deep.hyp", text), ("other.hyp", Spec(parameters: "unused ~ int(1, 3)", name: "other")));

        Assert.True(compilation.Diagnostics.Any(d => d.Code == "HYP0018" && d.Span.File.Path == "deep.hyp"), where + " gives:\n" + string.Join("\n", compilation.Diagnostics));
        Assert.Contains(compilation.Diagnostics, d => d.Code == "HYP2014" && d.Span.File.Path == "other.hyp");
    }

    public static TheoryData<string> ExpressionsAtTheLimit() => new(ExpressionForms.Keys);

    private const int Limit = SyntaxLimits.MaxExpressionDepth;

    // Each written exactly as deep as the limit allows, all in places the checker evaluates at
    // every point and the generator translates.
    private static readonly Dictionary<string, string> ExpressionForms = new()
    {
        ["sum"] = Chain(" + ", "w", Limit),
        ["difference"] = "w * 200 - " + Chain(" - ", "1", Limit - 2),
        ["product"] = "w * " + Chain(" * ", "1", Limit - 1),
        ["power"] = "w * " + Chain(" ^ ", "1", Limit - 1),
        ["negation"] = "w * " + new string('-', Limit - 2) + "1",
        ["conditional"] = Chain(" ", "if w == 1 { 1 } else", Limit - 2) + " { w }",
        ["comparison and"] = "if " + Chain(" and ", "w > 0", Limit - 2) + " { w } else { 1 }",
    };

    [Theory]
    [MemberData(nameof(ExpressionsAtTheLimit))]
    public void An_expression_at_the_depth_limit_is_checked_and_generated_on_a_one_megabyte_stack(string form)
    {
        var text = Spec(parameters: "w ~ choice(1, 2)\nx = " + ExpressionForms[form], model: "conv(x, kernel: 1)\n flatten\n linear(10)");

        var compilation = Check(("limit.hyp", text));
        var (sources, diagnostics) = SmallStackThread.Run(() => HypCompilationEmitter.Emit(compilation), HangGuard);

        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        Assert.Single(sources);
        Assert.DoesNotContain(diagnostics, d => d.IsError);
    }

    // ---- chains of declarations -------------------------------------------------------------------

    [Fact]
    public void A_long_chain_of_derived_parameters_is_evaluated_without_recursion()
    {
        var chain = "a0 = 1\n" + string.Join("\n", Enumerable.Range(1, 900).Select(i => $"a{i} = a{i - 1} + 1"));

        var compilation = Check(("derived.hyp", Spec(parameters: chain, model: "conv(a900, kernel: 1)\n flatten\n linear(10)")));

        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics.Take(5)));
        Assert.NotNull(compilation.Experiments[0].Shapes);
    }

    [Fact]
    public void Ten_thousand_parameters_are_refused()
    {
        var chain = "a0 = 1\n" + string.Join("\n", Enumerable.Range(1, 10_000).Select(i => $"a{i} = a{i - 1} + 1"));

        var compilation = Check(("derived.hyp", Spec(parameters: chain, model: "conv(a10000)\n flatten\n linear(10)")));

        AssertReported(compilation, "HYP2101");
    }

    [Fact]
    public void A_choice_of_a_hundred_thousand_values_is_refused()
    {
        var values = string.Join(", ", Enumerable.Range(1, 100_000));

        AssertReported(Check(("choice.hyp", Spec(parameters: $"c ~ choice({values})", model: "conv(c)\n flatten\n linear(10)"))), "HYP2102");
    }

    [Fact]
    public void A_choice_of_ten_thousand_values_is_checked()
    {
        var values = string.Join(", ", Enumerable.Range(1, 10_000));

        var compilation = Check(("choice.hyp", Spec(parameters: $"c ~ choice({values})", model: "conv(c, kernel: 3, padding: same)\n global_avgpool\n linear(10)")));

        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics.Take(5)));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(2_000)]
    public void A_long_chain_of_when_conditions_is_refused(int length)
    {
        var chain = "p0 ~ int(0, 1)\n" + string.Join("\n", Enumerable.Range(1, length - 1).Select(i => $"p{i} ~ int(0, 1) when p{i - 1} == 1"));

        var compilation = Check(("when.hyp", Spec(parameters: chain)));

        Assert.True(compilation.Diagnostics.Any(d => d.Code is "HYP2103" or "HYP2101"), string.Join("\n", compilation.Diagnostics.Take(5)));
        if (length < 1000)
        {
            AssertReported(compilation, "HYP2103");
        }
    }

    [Fact]
    public void A_chain_of_three_thousand_extends_is_refused()
    {
        var chain = string.Join("\n", Enumerable.Range(1, 3000).Select(i => $"experiment e{i} extends e{i - 1} {{ }}"));

        var compilation = Check(("extends.hyp", Spec(name: "e0", after: chain)));

        // Once, at e33 (line 56), the first experiment past the limit; the rest of the chain is refused with it.
        var error = Assert.Single(compilation.Diagnostics, d => d.IsError);
        Assert.Equal(("HYP2104", 56), (error.Code, error.Span.Start.Line));
    }

    [Fact]
    public void Twenty_thousand_unknown_names_among_a_thousand_parameters_are_reported_quickly()
    {
        // Each unknown name is compared with every name in scope for a "did you mean" hint.
        var parameters = string.Concat(Enumerable.Range(1, 998).Select(i => $"parameter_number_{i} ~ choice(1, 2)\n"));
        var unknown = "x = [" + string.Join(", ", Enumerable.Range(1, 20_000).Select(i => $"unknown_name_{i}")) + "]";

        var compilation = Check(("unknown.hyp", Spec(parameters: parameters + unknown)));

        Assert.Equal(20_000, compilation.Diagnostics.Count(d => d.Code == "HYP1001"));
    }

    [Theory]
    [InlineData("an expression")]
    [InlineData("a statement")]
    public void A_match_of_twenty_thousand_arms_is_checked(string form)
    {
        var arms = Enumerable.Range(1, 20_000);
        var text = form == "an expression"
            ? Spec(parameters: "w ~ choice(1, 2)\nx = match w { " + string.Join(", ", arms.Select(i => $"{i} => {i}")) + ", _ => 1 }", model: "conv(x, kernel: 1)\n flatten\n linear(10)")
            : Spec(parameters: "w ~ choice(1, 2)", model: "match w {\n" + string.Concat(arms.Select(i => $"{i} => {{ relu }}\n")) + "_ => { relu }\n}\n flatten\n linear(10)");

        var compilation = Check(("match.hyp", text));

        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics.Take(5)));
    }

    // ---- the architecture -------------------------------------------------------------------------

    [Fact]
    public void A_chain_of_three_thousand_blocks_is_refused()
    {
        var blocks = "block b0 { relu }\n" + string.Join("\n", Enumerable.Range(1, 3000).Select(i => $"block b{i} {{ b{i - 1} }}"));

        AssertReported(Check(("blocks.hyp", Spec(model: "b3000\n flatten\n linear(10)", after: blocks))), "HYP2105");
    }

    [Theory]
    [InlineData(100, "HYP2105")]
    [InlineData(600, "HYP2105")]
    [InlineData(5_000, "HYP0014")]
    public void A_long_else_if_chain_is_refused_without_recursing_through_it(int branches, string code)
    {
        var model = "if lr > 0.05 { relu }" + string.Concat(Enumerable.Repeat(" else if lr > 0.05 { relu }", branches - 1)) + " else { relu }\n flatten\n linear(10)";

        AssertReported(Check(("branches.hyp", Spec(model: model))), code);
    }

    [Fact]
    public void Thousands_of_uses_of_a_block_of_thousands_of_parameters_stop_at_the_budget()
    {
        var block = "block big(" + string.Join(", ", Enumerable.Range(0, 3_000).Select(i => $"p{i}: int = 1")) + ") { relu }";

        var compilation = Check(BudgetHangGuard, ("block.hyp", Spec(model: string.Concat(Enumerable.Repeat("big\n", 9_000)) + "flatten\n linear(10)", after: block)));

        AssertReported(compilation, "HYP2107");
    }

    [Fact]
    public void Blocks_that_each_use_the_next_twice_forty_levels_deep_are_refused()
    {
        var blocks = "block b0 { relu }\n" + string.Join("\n", Enumerable.Range(1, 40).Select(i => $"block b{i} {{\n  b{i - 1}\n  b{i - 1}\n}}"));

        AssertReported(Check(("blocks.hyp", Spec(model: "b40\n flatten\n linear(10)", after: blocks))), "HYP2106");
    }

    [Fact]
    public void Twenty_four_nested_loops_of_two_are_refused()
    {
        var model = string.Concat(Enumerable.Range(0, 24).Select(i => $"for i{i} in 0 ..< 2 {{\n")) + "relu\n" + new string('}', 24) + "\n flatten\n linear(10)";

        AssertReported(Check(("loops.hyp", Spec(model: model))), "HYP2106");
    }

    [Theory]
    [InlineData("depth ~ int(1, 2147483647)", "depth")]
    [InlineData("", "2147483647")]
    [InlineData("", "9007199254740992")]
    public void A_loop_of_billions_of_iterations_is_refused(string parameters, string bound)
    {
        AssertReported(Check(("loop.hyp", Spec(parameters: parameters, model: $"for i in 0 ..< {bound} {{ relu }}\n flatten\n linear(10)"))), "HYP2106");
    }

    [Fact]
    public void A_loop_whose_body_depends_on_its_variable_is_refused_past_the_limit_too()
    {
        var model = "for i in 0 ..< 2147483647 { if i == 3 { relu } }\n flatten\n linear(10)";

        AssertReported(Check(("loop.hyp", Spec(model: model))), "HYP2106");
    }

    [Theory]
    [InlineData(50_000)]
    [InlineData(200_000)]
    public void Tens_of_thousands_of_literal_layers_are_refused(int layers)
    {
        var model = string.Concat(Enumerable.Repeat("relu\n", layers)) + "flatten\n linear(10)";

        AssertReported(Check(("layers.hyp", Spec(model: model))), "HYP2106");
    }

    [Fact]
    public void Nine_thousand_literal_layers_are_checked()
    {
        var model = string.Concat(Enumerable.Repeat("relu\n", 9_000)) + "flatten\n linear(10)";

        var compilation = Check(("layers.hyp", Spec(model: model)));

        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics.Take(5)));
    }

    [Fact]
    public void A_large_space_of_repeated_blocks_is_checked_in_closed_form()
    {
        // 8 x 5 x 2,500 = 100,000 architecture points of up to 2 x 2,500 layers: every iteration
        // after the first keeps the shape, so no point is unrolled.
        var parameters = "width ~ choice(8, 16, 24, 32, 40, 48, 56, 64)\nkernel ~ choice(1, 3, 5, 7, 9)\ndepth ~ int(1, 2500)";
        var model = "conv(width, kernel: 3, padding: same)\n for i in 0 ..< depth {\n conv(width, kernel: kernel, padding: same)\n relu\n }\n global_avgpool\n linear(10)";

        var compilation = Check(("space.hyp", Spec(parameters: parameters, model: model)));

        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics.Take(5)));
        Assert.True(compilation.Experiments[0].Shapes!.Exhaustive);
    }

    [Fact]
    public void A_space_too_large_to_walk_point_by_point_is_proved_on_representative_points()
    {
        // Every iteration depends on the loop variable, so each of 90,000 points unrolls up to 3,000 layers.
        var parameters = "a ~ int(1, 300)\nb ~ int(1, 300)";
        var model = "for i in 0 ..< a * 10 {\n conv(8 + i + b - b, kernel: 1)\n }\n flatten\n linear(10)";

        var compilation = Check(BudgetHangGuard, ("space.hyp", Spec(parameters: parameters, model: model)));

        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics.Take(5)));
        Assert.False(compilation.Experiments[0].Shapes!.Exhaustive);
    }

    [Fact]
    public void Checks_that_would_evaluate_for_minutes_are_stopped()
    {
        // Each of 40 kernels is checked against all 100,000 values of k.
        var model = string.Concat(Enumerable.Repeat("conv(8, kernel: k, padding: same)\n", 40)) + "global_avgpool\n linear(10)";

        var compilation = Check(BudgetHangGuard, ("ranges.hyp", Spec(parameters: "k ~ int(1, 100000)", model: model)));

        AssertReported(compilation, "HYP2107");
    }

    [Fact]
    public void A_file_of_a_hundred_experiments_extending_one_too_large_to_check_is_stopped_as_a_whole()
    {
        var model = string.Concat(Enumerable.Repeat("conv(8, kernel: k, padding: same)\n", 40)) + "global_avgpool\n linear(10)";
        var variants = string.Join("\n", Enumerable.Range(1, 100).Select(i => $"experiment e{i} extends e0 {{ }}"));

        var compilation = Check(BudgetHangGuard, ("many.hyp", Spec(parameters: "k ~ int(1, 100000)", model: model, name: "e0", after: variants)));

        var stopped = compilation.Diagnostics.Where(d => d.Code == "HYP2107").ToList();
        Assert.Equal(101, stopped.Count);
        Assert.Contains("used up the 60,000,000 checking steps a file may take", stopped[^1].Message, StringComparison.Ordinal);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static void AssertReported(HypCompilation compilation, string code) =>
        Assert.True(compilation.Diagnostics.Any(d => d.Code == code), $"Expected {code}, got:\n" + string.Join("\n", compilation.Diagnostics.Take(10)));

    private static HypCompilation Check(params (string Path, string Text)[] files) => Check(HangGuard, files);

    private static HypCompilation Check(TimeSpan guard, params (string Path, string Text)[] files) =>
        SmallStackThread.Run(() => HypCompilation.Create(files.Select(f => SyntaxTree.Parse(f.Text, f.Path))), guard);
}
