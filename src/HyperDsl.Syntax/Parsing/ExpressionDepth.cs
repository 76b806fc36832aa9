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

            foreach (var child in ExpressionChildren.Of(node))
            {
                pending.Push((child, depth + 1));
            }
        }

        return deepest;
    }
}
