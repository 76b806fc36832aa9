using System.Collections.Immutable;
using System.Globalization;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Syntax.Tests.Parsing;

/// <summary>Parses fragments inside a minimal experiment and renders expressions as S-expressions.</summary>
internal static class ParseHelper
{
    public static SyntaxTree ParseClean(string text)
    {
        var tree = SyntaxTree.Parse(text, "test.hyp");
        Assert.True(tree.Diagnostics.IsEmpty, "Unexpected diagnostics:\n" + string.Join("\n", tree.Diagnostics));
        return tree;
    }

    public static ExperimentSyntax ParseExperiment(string body) =>
        Assert.IsType<ExperimentSyntax>(Assert.Single(ParseClean($"experiment e {{\n{body}\n}}\n").Root.Members));

    public static ExpressionSyntax ParseExpression(string expression)
    {
        var parameters = Assert.IsType<ParamsSectionSyntax>(Assert.Single(ParseExperiment($"params {{\nx = {expression}\n}}").Sections));
        return Assert.IsType<FixedParameterSyntax>(Assert.Single(parameters.Members)).Value;
    }

    public static ImmutableArray<StatementSyntax> ParseModel(string body) =>
        Assert.IsType<ModelSectionSyntax>(Assert.Single(ParseExperiment($"model {{\n{body}\n}}").Sections)).Body;

    public static string Sexpr(ExpressionSyntax expression) => expression switch
    {
        NumberLiteralSyntax number => number.Value.ToString("R", CultureInfo.InvariantCulture),
        DurationLiteralSyntax duration => $"{duration.Value.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s",
        StringLiteralSyntax text => $"\"{text.Value}\"",
        BooleanLiteralSyntax boolean => boolean.Value ? "true" : "false",
        NameSyntax name => name.Name,
        ListSyntax list => "[" + string.Join(" ", list.Items.Select(Sexpr)) + "]",
        MemberAccessSyntax member => $"(. {Sexpr(member.Target)} {member.Member.Name})",
        IndexSyntax index => $"([] {Sexpr(index.Target)} {Sexpr(index.Index)})",
        CallSyntax call => "(call " + call.Callee.Name + string.Concat(call.Arguments.Select(a => " " + (a.Name is null ? "" : a.Name.Name + ":") + Sexpr(a.Value))) + ")",
        UnarySyntax unary => $"({OperatorText.Of(unary.Operator)} {Sexpr(unary.Operand)})",
        BinarySyntax binary => $"({OperatorText.Of(binary.Operator)} {Sexpr(binary.Left)} {Sexpr(binary.Right)})",
        QuantitySyntax quantity => $"({quantity.Unit.ToString().ToLowerInvariant()} {Sexpr(quantity.Value)})",
        IfExpressionSyntax conditional => $"(if {Sexpr(conditional.Condition)} {Sexpr(conditional.Then)} {Sexpr(conditional.Else)})",
        MatchExpressionSyntax match => "(match " + Sexpr(match.Subject) + string.Concat(match.Arms.Select(arm => " (" + string.Join("|", arm.Patterns.Select(Pattern)) + " => " + Sexpr(arm.Value) + ")")) + ")",
        MissingExpressionSyntax => "<missing>",
        _ => expression.GetType().Name,
    };

    private static string Pattern(PatternSyntax pattern) => pattern switch
    {
        WildcardPatternSyntax => "_",
        ExpressionPatternSyntax value => Sexpr(value.Value),
        _ => "?",
    };
}
