using System.Collections;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Syntax.Tests.Robustness;

/// <summary>Checks what must hold for any parse of any input.</summary>
internal static class SyntaxTreeInvariants
{
    public static void AssertHold(SyntaxTree tree, string context)
    {
        var length = tree.File.Text.Length;
        foreach (var diagnostic in tree.Diagnostics)
        {
            var range = diagnostic.Span.Range;
            Assert.True(ReferenceEquals(diagnostic.Span.File, tree.File), $"{context}: diagnostic {diagnostic} points into another file.");
            Assert.True(range.Start >= 0 && range.Length >= 0 && range.End <= length, $"{context}: diagnostic {diagnostic} has span {range} outside a file of {length} characters.");
            Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message), $"{context}: diagnostic {diagnostic.Code} has no message.");
            var position = diagnostic.Span.Start;
            Assert.True(position.Line >= 1 && position.Line <= tree.File.LineCount && position.Column >= 1, $"{context}: diagnostic {diagnostic} has position {position}.");
        }

        var nodes = new Stack<SyntaxNode>();
        nodes.Push(tree.Root);
        while (nodes.Count > 0)
        {
            var node = nodes.Pop();
            var range = node.Span.Range;
            Assert.True(range.Start >= 0 && range.Length >= 0 && range.End <= length, $"{context}: {node.GetType().Name} has span {range} outside a file of {length} characters.");
            foreach (var child in Children(node))
            {
                nodes.Push(child);
            }
        }
    }

    private static IEnumerable<SyntaxNode> Children(SyntaxNode node)
    {
        foreach (var property in node.GetType().GetProperties())
        {
            switch (property.GetValue(node))
            {
                case SyntaxNode child:
                    yield return child;
                    break;
                case IEnumerable items and not string:
                    foreach (var item in items.OfType<SyntaxNode>())
                    {
                        yield return item;
                    }

                    break;
            }
        }
    }
}
