namespace HyperDsl.Syntax.Ast;

/// <summary>How each operator is written in a spec, for messages, printers and generated code.</summary>
public static class OperatorText
{
    /// <summary>The spelling of <paramref name="op"/>.</summary>
    public static string Of(UnaryOperator op) => op switch
    {
        UnaryOperator.Negate => "-",
        UnaryOperator.Plus => "+",
        _ => "not",
    };

    /// <summary>The spelling of <paramref name="op"/>.</summary>
    public static string Of(BinaryOperator op) => op switch
    {
        BinaryOperator.Power => "^",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.RangeInclusive => "..",
        BinaryOperator.RangeExclusive => "..<",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.In => "in",
        BinaryOperator.And => "and",
        BinaryOperator.Or => "or",
        _ => "then",
    };
}
