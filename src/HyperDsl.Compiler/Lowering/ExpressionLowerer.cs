using System.Collections.Immutable;
using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Lowering;

/// <summary>
/// Lowers bound expressions: reads what the binder resolved every name and call to, and matches
/// each call's arguments to its entry's parameters once, so nothing downstream re-reads syntax.
/// </summary>
internal sealed class ExpressionLowerer(SemanticModel model)
{
    // The checker bounds expression depth (HYP0018) before anything is lowered, so recursion is safe.
    public LoweredExpression Lower(ExpressionSyntax expression) => Untyped(expression) with { Type = model.GetType(expression) };

    private LoweredExpression Untyped(ExpressionSyntax expression) => expression switch
    {
        NumberLiteralSyntax number => new LoweredLiteral(Number(number), number.Span),
        StringLiteralSyntax text => new LoweredLiteral(new StringValue(text.Value), text.Span),
        BooleanLiteralSyntax flag => new LoweredLiteral(flag.Value ? BoolValue.True : BoolValue.False, flag.Span),
        DurationLiteralSyntax duration => new LoweredLiteral(new DurationValue(duration.Value), duration.Span),
        QuantitySyntax quantity => new LoweredQuantity(Lower(quantity.Value), quantity.Unit, quantity.Span),
        NameSyntax name => Name(name),
        CallSyntax call => model.GetResolution(call) is CatalogEntry entry
            ? new LoweredCall(entry, Arguments(entry.Parameters, call.Arguments), call.Span)
            : new LoweredUnresolved(call.Callee.Name, call.Span),
        ListSyntax list => new LoweredList([.. list.Items.Select(Lower)], list.Span),
        IndexSyntax index => new LoweredIndex(Lower(index.Target), Lower(index.Index), index.Span),
        MemberAccessSyntax member when model.GetResolution(member) is KeywordValue statistic => new LoweredModelStatistic(statistic.Keyword, member.Span),
        MemberAccessSyntax member => new LoweredUnresolved(member.Member.Name, member.Span),
        BinarySyntax binary => new LoweredBinary(binary.Operator, Lower(binary.Left), Lower(binary.Right), binary.Span),
        UnarySyntax unary => new LoweredUnary(unary.Operator, Lower(unary.Operand), unary.Span),
        IfExpressionSyntax choice => new LoweredIf(Lower(choice.Condition), Lower(choice.Then), Lower(choice.Else), choice.Span),
        MatchExpressionSyntax match => new LoweredMatch(Lower(match.Subject), [.. match.Arms.Select(a => new LoweredMatchArm(Patterns(a.Patterns), Lower(a.Value)))], match.Span),
        _ => new LoweredUnresolved(expression.GetType().Name, expression.Span),
    };

    // A whole number written without a point or exponent is an int wherever a long holds it (the
    // binder's int type); beyond that, only as the float it was read as.
    private static Value Number(NumberLiteralSyntax number) =>
        number.IsInteger && number.Value is >= -9.2233720368547758E18 and < 9.2233720368547758E18 ? new IntValue((long)number.Value) : new FloatValue(number.Value);

    /// <summary>The patterns of a match arm, null standing for the wildcard.</summary>
    public ImmutableArray<LoweredExpression?> Patterns(ImmutableArray<PatternSyntax> patterns) =>
        [.. patterns.Select(p => p is ExpressionPatternSyntax value ? Lower(value.Value) : null)];

    /// <summary>
    /// Each argument under the name of the parameter it binds, in the parameters' order; the
    /// positional arguments from a variadic parameter on (the values of <c>choice</c>) as one list.
    /// Arguments that bind no parameter (only in specs with errors) follow under their own names.
    /// </summary>
    public ImmutableArray<LoweredArgument> Arguments(ImmutableArray<ArgSpec> parameters, ImmutableArray<ArgumentSyntax> arguments) =>
        [.. MatchArguments(parameters, arguments).Select(m => m.Variadic
            ? new LoweredArgument(m.Parameter, new LoweredList([.. m.Arguments.Select(a => Lower(a.Value))], m.Arguments[0].Value.Span))
            : new LoweredArgument(m.Parameter, Lower(m.Arguments[^1].Value)) { Span = m.Arguments[^1].Span })];

    /// <summary>
    /// Matches arguments to parameters as <see cref="Arguments"/> does, without lowering them: the
    /// syntax each parameter receives (several values for a variadic one), in the parameters' order.
    /// </summary>
    public static ImmutableArray<(string Parameter, ImmutableArray<ExpressionSyntax> Values, bool Variadic)> Match(
        ImmutableArray<ArgSpec> parameters, ImmutableArray<ArgumentSyntax> arguments) =>
        [.. MatchArguments(parameters, arguments).Select(m => (m.Parameter, m.Arguments.Select(a => a.Value).ToImmutableArray(), m.Variadic))];

    // The arguments themselves, not only their values: a lowered argument keeps where it is written.
    private static ImmutableArray<(string Parameter, ImmutableArray<ArgumentSyntax> Arguments, bool Variadic)> MatchArguments(
        ImmutableArray<ArgSpec> parameters, ImmutableArray<ArgumentSyntax> arguments)
    {
        var bound = new Dictionary<string, List<ArgumentSyntax>>(StringComparer.Ordinal);
        var extra = new List<(string, ImmutableArray<ArgumentSyntax>, bool)>();
        var position = 0;
        foreach (var argument in arguments)
        {
            var name = argument.Name?.Name;
            if (name is null && position < parameters.Length)
            {
                name = parameters[position].Name;
                position += parameters[position].Variadic ? 0 : 1;
            }

            if (name is not null && parameters.Any(p => p.Name == name))
            {
                (bound.TryGetValue(name, out var values) ? values : bound[name] = []).Add(argument);
            }
            else
            {
                extra.Add((name ?? $"#{extra.Count}", [argument], false));
            }
        }

        return
        [
            .. parameters.Where(p => bound.ContainsKey(p.Name)).Select(p => (p.Name, bound[p.Name].ToImmutableArray(), p.Variadic)),
            .. extra,
        ];
    }

    // A name by what it stands for, so a parameter and a keyword spelled alike never meet.
    private LoweredExpression Name(NameSyntax name) => model.GetResolution(name) switch
    {
        ParameterSymbol parameter => new LoweredParameterReference(parameter, name.Span),
        BlockParameterSymbol parameter => new LoweredBlockParameterReference(parameter, name.Span),
        LoopVariableSymbol variable => new LoweredLoopVariable(variable, name.Span),
        CatalogEntry entry => new LoweredCall(entry, [], name.Span),
        EnumValue choice => new LoweredChoice(choice, name.Span),
        KeywordValue keyword => new LoweredKeyword(keyword.Keyword, name.Span),
        StringValue layer => new LoweredLayerName(layer.Value, name.Span),
        _ => new LoweredUnresolved(name.Name, name.Span),
    };
}
