using HyperDsl.TestKit;

namespace HyperDsl.Syntax.Tests.Robustness;

/// <summary>
/// Expressions deeper than <see cref="SyntaxLimits.MaxExpressionDepth"/> are refused by the
/// parser (HYP0018), so no later stage recurses through them; up to the limit every form parses
/// on a 1 MB thread stack, the smallest a host is expected to give the checker.
/// </summary>
public class ExpressionDepthTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Chains() => new(Forms.Keys);

    // Each form, written with `depth` levels.
    private static readonly Dictionary<string, Func<int, string>> Forms = new()
    {
        ["plus"] = depth => string.Join(" + ", Enumerable.Repeat("1", depth + 1)),
        ["minus"] = depth => string.Join(" - ", Enumerable.Repeat("1", depth + 1)),
        ["times"] = depth => string.Join(" * ", Enumerable.Repeat("1", depth + 1)),
        ["and"] = depth => string.Join(" and ", Enumerable.Repeat("true", depth + 1)),
        ["equals"] = depth => string.Join(" == ", Enumerable.Repeat("1", depth + 1)),
        ["then"] = depth => string.Join(" then ", Enumerable.Repeat("cosine", depth + 1)),
        ["index"] = depth => "l" + string.Concat(Enumerable.Repeat("[0]", depth)),
        ["member"] = depth => "x" + string.Concat(Enumerable.Repeat(".b", depth)),
        ["quantity of a sum"] = depth => string.Join(" + ", Enumerable.Repeat("1 epoch", depth / 2 + 1)),
        ["power"] = depth => string.Join(" ^ ", Enumerable.Repeat("2", depth + 1)),
        ["negation"] = depth => new string('-', depth) + "1",
        ["not"] = depth => string.Concat(Enumerable.Repeat("not ", depth)) + "x",
        ["else if"] = depth => string.Concat(Enumerable.Repeat("if a { 1 } else ", depth - 1)) + "{ 2 }",
    };

    private static string Spec(string expression) => $"experiment e {{\n  params {{\n    x = {expression}\n  }}\n}}\n";

    [Theory]
    [MemberData(nameof(Chains))]
    public void A_hundred_thousand_levels_are_reported_and_not_built_into_a_stack_overflow(string form)
    {
        // No timing assertion (a loaded CI machine makes one flaky): the hang guard fails a parse
        // that does not end, and a stack overflow would end the test process.
        var text = Spec(Forms[form](100_000));

        var tree = SmallStackThread.Run(() => SyntaxTree.Parse(text, "deep.hyp"), HangGuard);

        Assert.Contains(tree.Diagnostics, d => d.Code is "HYP0018" or "HYP0014");
    }

    [Theory]
    [MemberData(nameof(Chains))]
    public void An_expression_at_the_limit_parses_cleanly_on_a_one_megabyte_stack(string form)
    {
        var tree = SmallStackThread.Run(() => SyntaxTree.Parse(Spec(Forms[form](SyntaxLimits.MaxExpressionDepth - 1)), "limit.hyp"), HangGuard);

        Assert.Empty(tree.Diagnostics);
    }

    [Theory]
    [MemberData(nameof(Chains))]
    public void An_expression_at_the_limit_with_an_error_after_it_parses_on_a_one_megabyte_stack(string form)
    {
        // The error sends the parser into full LL prediction with recovery, its deepest mode.
        var text = Spec(Forms[form](SyntaxLimits.MaxExpressionDepth - 1) + " )");

        var tree = SmallStackThread.Run(() => SyntaxTree.Parse(text, "limit.hyp"), HangGuard);

        Assert.NotEmpty(tree.Diagnostics);
        Assert.DoesNotContain(tree.Diagnostics, d => d.Code is "HYP0018");
    }

    [Fact]
    public void A_long_left_chain_is_reported_at_the_whole_expression_with_its_depth()
    {
        var tree = SyntaxTree.Parse(Spec(Forms["plus"](10_000)), "deep.hyp");

        var diagnostic = Assert.Single(tree.Diagnostics);
        Assert.Equal("HYP0018", diagnostic.Code);
        Assert.Equal(new HyperDsl.Syntax.Text.LinePosition(3, 9), diagnostic.Span.Start);
        Assert.Contains("10001 levels deep", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("derived parameters", diagnostic.Help, StringComparison.Ordinal);
    }

    [Fact]
    public void One_level_past_the_limit_is_reported()
    {
        var tree = SyntaxTree.Parse(Spec(Forms["plus"](SyntaxLimits.MaxExpressionDepth)), "deep.hyp");

        Assert.Equal("HYP0018", Assert.Single(tree.Diagnostics).Code);
    }

    [Fact]
    public void Many_shallow_expressions_are_not_added_up()
    {
        var list = "[" + string.Join(", ", Enumerable.Repeat("1 + 1", 50_000)) + "]";

        Assert.Empty(SyntaxTree.Parse(Spec(list), "wide.hyp").Diagnostics);
    }
}
