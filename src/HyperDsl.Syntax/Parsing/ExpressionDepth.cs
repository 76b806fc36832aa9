using HyperDsl.Syntax.Ast;

namespace HyperDsl.Syntax.Parsing;

/// <summary>
/// The number of levels of an expression tree, measured without recursion: the tree may be a
/// chain of a hundred thousand operators, which is what the measure exists to refuse.
/// </summary>
internal static class ExpressionDepth
{
    /// <summary>The levels of <paramref name="root"/>: 1 for a name or a literal.</summary>
    public static int Of(ExpressionSyntax root)
    {
        var deepest = 0;
        var pending = new Stack<(ExpressionSyntax Node, int Depth)>();
        pending.Push((root, 1));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            deepest = Math.Max(deepest, depth);

            foreach (var child in Children(node))
            {
                pending.Push((child, depth + 1));
            }
        }

        return deepest;
    }

    private static IEnumerable<ExpressionSyntax> Children(ExpressionSyntax node) => node switch
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
