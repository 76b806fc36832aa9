using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Lowering;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Emit;

/// <summary>
/// Prints a lowered expression as the C# that computes it at run time. Names come from the
/// <see cref="GeneratedLayout"/> and the <see cref="CodeScope"/>, spec values only through
/// <see cref="CSharpNames"/>, so no spec text reaches the code unescaped.
/// </summary>
internal sealed class LoweredExpressionPrinter(GeneratedLayout layout)
{
    private const string Runtime = "global::HyperDsl.Runtime";

    /// <summary>
    /// The C# of <paramref name="expression"/> in <paramref name="scope"/>. With <paramref name="optional"/>,
    /// a conditional parameter stays nullable (the caller supplies what an inactive one means).
    /// </summary>
    public string Print(LoweredExpression expression, CodeScope scope, bool optional = false) => expression switch
    {
        LoweredLiteral { Value: IntValue number } => CSharpNames.Long(number.Value),
        LoweredLiteral { Value: FloatValue number } => CSharpNames.Double(number.Value),
        LoweredLiteral { Value: StringValue text } => CSharpNames.String(text.Value),
        LoweredLiteral { Value: BoolValue flag } => flag.Value ? "true" : "false",
        LoweredLiteral { Value: DurationValue duration } => $"global::System.TimeSpan.FromTicks({CSharpNames.Long(duration.Value.Ticks)})",
        // A whole number of epochs or steps is its count; the unit is the caller's (a schedule's TrainingLength).
        LoweredQuantity { Unit: QuantityUnit.Epochs or QuantityUnit.Steps, Amount.Type: IntType or ListType { Element: IntType } } count => Print(count.Amount, scope),
        LoweredQuantity { Unit: QuantityUnit.Percent } share => $"(double)({Print(share.Amount, scope)})",
        LoweredParameterReference reference => Parameter(reference.Parameter, scope, optional),
        LoweredChoice { Type: EnumType type } choice => $"{EnumName(type)}.{CSharpNames.Pascal(choice.Choice.Member)}",
        LoweredBlockParameterReference reference when scope.Lookup(reference.Parameter) is { } local => local,
        LoweredLoopVariable variable when scope.Lookup(variable.Variable) is { } local => local,
        LoweredList list => $"new[] {{ {string.Join(", ", list.Items.Select(i => Print(i, scope)))} }}",
        LoweredUnary unary => unary.Operator switch
        {
            UnaryOperator.Not => $"!({Print(unary.Operand, scope)})",
            UnaryOperator.Negate => $"-({Print(unary.Operand, scope)})",
            _ => Print(unary.Operand, scope),
        },
        LoweredBinary binary => Binary(binary, scope),
        LoweredIndex index => $"{Print(index.Target, scope)}[{Runtime}.SpecMath.ToInt({Print(index.Index, scope)})]",
        LoweredIf conditional => $"({Print(conditional.Condition, scope)} ? {Print(conditional.Then, scope)} : {Print(conditional.Else, scope)})",
        LoweredMatch match => Match(match, scope),
        LoweredCall { Entry: { Kind: EntryKind.Function } function } call => Function(function, call, scope),
        LoweredModelStatistic statistic when BuiltinCatalog.FindMetric(statistic.Name) is { } metric && scope.Lookup(metric) is { } local => local,
        _ => throw new NotSupportedException($"The generator does not translate '{expression.Span.Text}' yet."),
    };

    /// <summary>The C# name of the enum generated for a choice of names.</summary>
    public string EnumName(EnumType type) => CSharpNames.Type(layout.EnumOf(type));

    // A sampled local where Sample has one, else the record's property; a conditional one is
    // read as its value unless the caller handles its absence.
    private static string Parameter(ParameterSymbol parameter, CodeScope scope, bool optional)
    {
        var local = scope.Lookup(parameter) ?? $"{scope.Params}.{CSharpNames.Pascal(parameter.Name)}";
        return parameter.IsConditional
            ? optional ? local : $"{local}!.Value"
            : parameter.Type is IntType ? $"(long){local}" : local;
    }

    private string Binary(LoweredBinary binary, CodeScope scope)
    {
        var left = Print(binary.Left, scope);
        var right = Print(binary.Right, scope);
        var ints = binary.Left.Type is IntType && binary.Right.Type is IntType;
        return binary.Operator switch
        {
            BinaryOperator.Divide when ints => $"{Runtime}.SpecMath.Divide({left}, {right})",
            BinaryOperator.Power when ints => $"{Runtime}.SpecMath.Power({left}, {right})",
            BinaryOperator.Power => $"global::System.Math.Pow({left}, {right})",
            BinaryOperator.In => $"global::System.Linq.Enumerable.Contains({right}, {left})",
            BinaryOperator.And => $"({left} && {right})",
            BinaryOperator.Or => $"({left} || {right})",
            _ => $"({left} {OperatorText.Of(binary.Operator)} {right})",
        };
    }

    private string Match(LoweredMatch match, CodeScope scope)
    {
        var subject = Print(match.Subject, scope);
        var arms = match.Arms.Select(arm => string.Join(" or ", arm.Patterns.Select(pattern => pattern is null ? "_" : Print(pattern, scope)))
            + " => " + Print(arm.Value, scope));

        // A wildcard arm already covers the rest; another '_' arm after it would not compile.
        var exhaustive = match.Arms.Any(a => a.Patterns.Any(p => p is null)) ? "" : ", _ => throw new global::System.InvalidOperationException(\"No arm of the match applies.\")";
        return $"({subject} switch {{ {string.Join(", ", arms)}{exhaustive} }})";
    }

    // The entry names the runtime method with the evaluator's meaning (SpecMath has an int and a
    // float overload where it matters); the arguments come in the entry's parameter order.
    private string Function(CatalogEntry function, LoweredCall call, CodeScope scope)
    {
        var values = call.Arguments.SelectMany(a => function.Find(a.Parameter) is { Variadic: true } && a.Value is LoweredList list ? list.Items : [a.Value]);
        return $"{Runtime}.SpecMath.{function.FunctionMeaning.RuntimeMethod}({string.Join(", ", values.Select(v => Print(v, scope)))})";
    }
}
