namespace HyperDsl.Compiler.Lowering;

/// <summary>Finds nodes inside lowered expressions and statements without recursion of its own.</summary>
internal static class LoweredWalker
{
    /// <summary>The expression and every expression inside it (a call's arguments, a match's patterns and values...).</summary>
    public static IEnumerable<LoweredExpression> Expressions(LoweredExpression root)
    {
        var stack = new Stack<LoweredExpression>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            foreach (var child in Children(node).Reverse())
            {
                stack.Push(child);
            }
        }
    }

    /// <summary>
    /// Every statement of a list and of the statements nested in it (loops, branches, arms,
    /// residual bodies); the layer a <c>replace</c> puts in is the replaced model's, not this one's.
    /// </summary>
    public static IEnumerable<LoweredStatement> Statements(IEnumerable<LoweredStatement> statements)
    {
        var stack = new Stack<LoweredStatement>(statements.Reverse());
        while (stack.Count > 0)
        {
            var statement = stack.Pop();
            yield return statement;
            IEnumerable<LoweredStatement> nested = statement switch
            {
                LoweredFor loop => loop.Body,
                LoweredIfStatement conditional => [.. conditional.Then, .. conditional.Else],
                LoweredMatchStatement match => match.Arms.SelectMany(a => a.Body),
                LoweredResidual residual => residual.Body,
                _ => [],
            };
            foreach (var child in nested.Reverse())
            {
                stack.Push(child);
            }
        }
    }

    private static IEnumerable<LoweredExpression> Children(LoweredExpression expression) => expression switch
    {
        LoweredQuantity quantity => [quantity.Amount],
        LoweredCall call => call.Arguments.Select(a => a.Value),
        LoweredList list => list.Items,
        LoweredIndex index => [index.Target, index.Index],
        LoweredBinary binary => [binary.Left, binary.Right],
        LoweredUnary unary => [unary.Operand],
        LoweredIf choice => [choice.Condition, choice.Then, choice.Else],
        LoweredMatch match => [match.Subject, .. match.Arms.SelectMany(a => a.Patterns.OfType<LoweredExpression>().Append(a.Value))],
        _ => [],
    };
}
