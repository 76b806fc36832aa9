namespace HyperDsl.Syntax.Ast;

/// <summary>The direct sub-expressions of an expression: the one list every walk over expressions uses, so a new expression kind is added in one place.</summary>
public static class ExpressionChildren
{
    /// <summary>The expressions directly inside <paramref name="node"/>, in source order (none for names and literals).</summary>
    public static IEnumerable<ExpressionSyntax> Of(ExpressionSyntax node) => node switch
    {
        ListSyntax list => list.Items,
        UnarySyntax unary => [unary.Operand],
        BinarySyntax binary => [binary.Left, binary.Right],
        QuantitySyntax quantity => [quantity.Value],
        MemberAccessSyntax member => [member.Target],
        IndexSyntax index => [index.Target, index.Index],
        CallSyntax call => call.Arguments.Select(a => a.Value),
        IfExpressionSyntax conditional => [conditional.Condition, conditional.Then, conditional.Else],
        MatchExpressionSyntax match => [match.Subject, .. match.Arms.SelectMany(a => a.Patterns.OfType<ExpressionPatternSyntax>().Select(p => p.Value)), .. match.Arms.Select(a => a.Value)],
        _ => [],
    };
}
