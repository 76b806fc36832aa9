using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Binding;

/// <summary>Finds nodes inside expressions and statements without recursion limits of its own.</summary>
internal static class SyntaxWalker
{
    /// <summary>Every name referenced in an expression, in source order.</summary>
    public static IEnumerable<NameSyntax> Names(ExpressionSyntax expression) => Expressions(expression).OfType<NameSyntax>();

    /// <summary>The expression and every expression inside it.</summary>
    public static IEnumerable<ExpressionSyntax> Expressions(ExpressionSyntax root)
    {
        var stack = new Stack<ExpressionSyntax>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            foreach (var child in ExpressionChildren.Of(node).Reverse())
            {
                stack.Push(child);
            }
        }
    }

    /// <summary>Every expression in a statement list, nested statements included, each once.</summary>
    /// <remarks>
    /// Walks the statements (<see cref="Statements"/>) and expands only each statement's own
    /// expressions: a loop's range, not its body's, whose statements come next. Expanding a body's
    /// expressions again at every enclosing level yielded each one once per level and grew without
    /// bound in the nesting (two 24-deep loops: 86 million expressions).
    /// </remarks>
    public static IEnumerable<ExpressionSyntax> Expressions(IEnumerable<StatementSyntax> statements)
    {
        foreach (var statement in Statements(statements))
        {
            IEnumerable<ExpressionSyntax> roots = statement switch
            {
                LayerSyntax layer => layer.Arguments.Select(a => a.Value),
                ForSyntax loop => [loop.Range],
                IfStatementSyntax conditional => [conditional.Condition],
                MatchStatementSyntax match => [match.Subject, .. match.Arms.SelectMany(a => a.Patterns.OfType<ExpressionPatternSyntax>().Select(p => p.Value))],
                ResidualSyntax residual => residual.Arguments.Select(a => a.Value),
                ReplaceSyntax replace => replace.Replacement.Arguments.Select(a => a.Value),
                _ => [],
            };
            foreach (var root in roots)
            {
                foreach (var expression in Expressions(root))
                {
                    yield return expression;
                }
            }
        }
    }

    /// <summary>Every statement of a list and of the blocks nested in it (loops, branches, arms, residual bodies).</summary>
    public static IEnumerable<StatementSyntax> Statements(IEnumerable<StatementSyntax> statements)
    {
        var stack = new Stack<StatementSyntax>(statements.Reverse());
        while (stack.Count > 0)
        {
            var statement = stack.Pop();
            yield return statement;
            IEnumerable<StatementSyntax> nested = statement switch
            {
                ForSyntax loop => loop.Body,
                IfStatementSyntax conditional => [.. conditional.Then, .. conditional.Else],
                MatchStatementSyntax match => match.Arms.SelectMany(a => a.Body),
                ResidualSyntax residual => residual.Body,
                _ => [],
            };
            foreach (var child in nested.Reverse())
            {
                stack.Push(child);
            }
        }
    }

    /// <summary>Every layer (or block use) of a list of statements, nested ones included.</summary>
    public static IEnumerable<LayerSyntax> Layers(IEnumerable<StatementSyntax> statements) => Statements(statements).OfType<LayerSyntax>();

    /// <summary>Which parameter each argument gives: named ones by name, positional ones in order.</summary>
    public static Dictionary<string, ExpressionSyntax> MatchArguments(IReadOnlyList<string> parameters, IEnumerable<ArgumentSyntax> arguments)
    {
        var values = new Dictionary<string, ExpressionSyntax>(StringComparer.Ordinal);
        var position = 0;
        foreach (var argument in arguments)
        {
            var name = argument.Name?.Name ?? (position < parameters.Count ? parameters[position++] : null);
            if (name is not null)
            {
                values[name] = argument.Value;
            }
        }

        return values;
    }
}
