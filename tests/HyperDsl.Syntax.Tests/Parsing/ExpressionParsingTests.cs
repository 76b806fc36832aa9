using HyperDsl.Syntax.Text;
using HyperDsl.Syntax.Ast;
using static HyperDsl.Syntax.Tests.Parsing.ParseHelper;

namespace HyperDsl.Syntax.Tests.Parsing;

public class ExpressionParsingTests
{
    [Theory]
    [InlineData("1 + 2 * 3", "(+ 1 (* 2 3))")]
    [InlineData("(1 + 2) * 3", "(* (+ 1 2) 3)")]
    [InlineData("a - b - c", "(- (- a b) c)")]
    [InlineData("a / b * c", "(* (/ a b) c)")]
    [InlineData("2 ^ 3 ^ 2", "(^ 2 (^ 3 2))")]
    [InlineData("-2 ^ 2", "(- (^ 2 2))")]
    [InlineData("2 ^ -1", "(^ 2 (- 1))")]
    [InlineData("width * 2^(depth - 1) <= 128", "(<= (* width (^ 2 (- depth 1))) 128)")]
    [InlineData("not a == b and c or d", "(or (and (not (== a b)) c) d)")]
    [InlineData("a or b and c", "(or a (and b c))")]
    [InlineData("x != 1 and y >= 2", "(and (!= x 1) (>= y 2))")]
    [InlineData("0 ..< depth", "(..< 0 depth)")]
    [InlineData("1 .. n + 1", "(.. 1 (+ n 1))")]
    [InlineData("optimizer in [sgd, adam]", "(in optimizer [sgd adam])")]
    [InlineData("model.params <= 100k", "(<= (. model params) 100000)")]
    [InlineData("model.flops", "(. model flops)")]
    public void Operators_bind_by_precedence_and_associativity(string source, string expected)
    {
        Assert.Equal(expected, Sexpr(ParseExpression(source)));
    }

    [Theory]
    [InlineData("1 epoch", "(epochs 1)")]
    [InlineData("30 epochs", "(epochs 30)")]
    [InlineData("500 steps", "(steps 500)")]
    [InlineData("1 step", "(steps 1)")]
    [InlineData("10%", "(percent 10)")]
    [InlineData("[30, 60] epochs", "(epochs [30 60])")]
    [InlineData("warm epochs", "(epochs warm)")]
    [InlineData("90s", "90s")]
    [InlineData("30m", "1800s")]
    [InlineData("2h", "7200s")]
    [InlineData("1.5d", "129600s")]
    public void Units_attach_to_the_amount_before_them(string source, string expected)
    {
        Assert.Equal(expected, Sexpr(ParseExpression(source)));
    }

    [Theory]
    [InlineData("32", 32d, true)]
    [InlineData("1_000", 1000d, true)]
    [InlineData("100k", 100_000d, true)]
    [InlineData("1.5M", 1_500_000d, true)]
    [InlineData("3G", 3e9, true)]
    [InlineData("0.5", 0.5, false)]
    [InlineData("1e-3", 1e-3, false)]
    [InlineData("1e3", 1000d, false)]
    [InlineData("2.5E+2", 250d, false)]
    public void Numbers_carry_their_value_and_whether_they_are_integers(string source, double value, bool isInteger)
    {
        var number = Assert.IsType<NumberLiteralSyntax>(ParseExpression(source));

        Assert.Equal(source, number.Text);
        Assert.Equal(value, number.Value);
        Assert.Equal(isInteger, number.IsInteger);
    }

    [Theory]
    [InlineData("\"plain\"", "plain")]
    [InlineData("\"a\\nb\"", "a\nb")]
    [InlineData("\"tab\\there\"", "tab\there")]
    [InlineData("\"quote \\\" and \\\\ backslash\"", "quote \" and \\ backslash")]
    [InlineData("\"\\u{41}\\u{1F600}\"", "A\U0001F600")]
    [InlineData("\"\"", "")]
    public void Strings_resolve_their_escapes(string source, string expected)
    {
        Assert.Equal(expected, Assert.IsType<StringLiteralSyntax>(ParseExpression(source)).Value);
    }

    [Fact]
    public void Booleans_and_lists_parse()
    {
        Assert.Equal("[true false [1 2]]", Sexpr(ParseExpression("[true, false, [1, 2]]")));
    }

    [Fact]
    public void Calls_take_positional_and_named_arguments()
    {
        Assert.Equal("(call uniform 0 0.5 step:0.05)", Sexpr(ParseExpression("uniform(0.0, 0.5, step: 0.05)")));
        Assert.Equal("(call int 1 8 log)", Sexpr(ParseExpression("int(1, 8, log)")));
        Assert.Equal("(call constant)", Sexpr(ParseExpression("constant()")));
    }

    [Fact]
    public void Then_composes_schedules_left_to_right()
    {
        Assert.Equal(
            "(then (then (call warmup (epochs 1)) (call constant)) (call cosine min_lr:1E-06))",
            Sexpr(ParseExpression("warmup(1 epoch) then constant() then cosine(min_lr: 1e-6)")));
    }

    [Fact]
    public void If_expression_chooses_between_values()
    {
        Assert.Equal("(if (> depth 2) 64 32)", Sexpr(ParseExpression("if depth > 2 { 64 } else { 32 }")));
        Assert.Equal("(if a 1 (if b 2 3))", Sexpr(ParseExpression("if a { 1 } else if b { 2 } else { 3 }")));
    }

    [Fact]
    public void Match_expression_has_alternatives_and_a_wildcard()
    {
        Assert.Equal(
            "(match opt (sgd|nesterov => 0.9) (_ => 0))",
            Sexpr(ParseExpression("match opt { sgd | nesterov => 0.9, _ => 0 }")));
        Assert.Equal(
            "(match opt (sgd => (call sgd lr:lr)) (adam => (call adam lr:lr)))",
            Sexpr(ParseExpression("match opt {\n  sgd => sgd(lr: lr)\n  adam => adam(lr: lr)\n}")));
    }

    [Theory]
    [InlineData("a +\n  b", "(+ a b)")]
    [InlineData("f(\n  1,\n  2,\n)", "(call f 1 2)")]
    [InlineData("[\n  1,\n  2\n]", "[1 2]")]
    [InlineData("(\n  1 + 2\n)", "(+ 1 2)")]
    [InlineData("warmup(1 epoch)\n  then cosine()", "(then (call warmup (epochs 1)) (call cosine))")]
    [InlineData("a and\n  b", "(and a b)")]
    public void Expressions_may_wrap_inside_brackets_and_after_operators(string source, string expected)
    {
        Assert.Equal(expected, Sexpr(ParseExpression(source)));
    }

    [Fact]
    public void Soft_keywords_are_names_in_expressions()
    {
        Assert.Equal("(+ (+ (+ epochs steps) data) all)", Sexpr(ParseExpression("epochs + steps + data + all")));
        Assert.Equal("(call step every:(epochs 30) gamma:0.1)", Sexpr(ParseExpression("step(every: 30 epochs, gamma: 0.1)")));
    }

    [Fact]
    public void Expression_spans_cover_their_text()
    {
        var expression = ParseExpression("lr * 10");

        Assert.Equal("lr * 10", expression.Span.Text);
        var binary = Assert.IsType<BinarySyntax>(expression);
        Assert.Equal("10", binary.Right.Span.Text);
        Assert.Equal(new LinePosition(3, 5), binary.Span.Start);
    }

    [Fact]
    public void A_very_long_operator_chain_is_built_without_deep_recursion_and_refused_for_its_depth()
    {
        var source = string.Join(" + ", Enumerable.Repeat("1", 50_000));

        var tree = SyntaxTree.Parse($"experiment e {{\n  params {{\n    x = {source}\n  }}\n}}\n", "test.hyp");

        Assert.Equal("HYP0018", Assert.Single(tree.Diagnostics).Code);
        var parameters = Assert.IsType<ParamsSectionSyntax>(Assert.Single(Assert.IsType<ExperimentSyntax>(Assert.Single(tree.Root.Members)).Sections));
        var expression = Assert.IsType<FixedParameterSyntax>(Assert.Single(parameters.Members)).Value;
        var depth = 0;
        while (expression is BinarySyntax binary)
        {
            expression = binary.Left;
            depth++;
        }

        Assert.Equal(49_999, depth);
    }
}
