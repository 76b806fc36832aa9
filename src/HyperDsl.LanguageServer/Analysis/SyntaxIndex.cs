using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.LanguageServer.Analysis;

/// <summary>
/// Every node of a tree, in source order, with its parent: what finding the node under the cursor
/// needs. Children are found as <see cref="SyntaxTreePrinter"/> finds them (the node records'
/// members), so a new kind of node is covered without a change here. Iterative: deep specs are
/// walked without deep recursion.
/// </summary>
internal sealed class SyntaxIndex
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> ChildMembers = new();
    private readonly Dictionary<SyntaxNode, SyntaxNode> _parents = new(ReferenceEqualityComparer.Instance);

    public SyntaxIndex(SyntaxNode root)
    {
        var nodes = new List<SyntaxNode>();
        var stack = new Stack<SyntaxNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            nodes.Add(node);
            var children = Children(node).ToList();
            for (var i = children.Count - 1; i >= 0; i--)
            {
                _parents[children[i]] = node;
                stack.Push(children[i]);
            }
        }

        Nodes = nodes;
    }

    /// <summary>Every node, parents before children.</summary>
    public IReadOnlyList<SyntaxNode> Nodes { get; }

    public SyntaxNode? Parent(SyntaxNode node) => _parents.GetValueOrDefault(node);

    /// <summary>The node and its ancestors, innermost first.</summary>
    public IEnumerable<SyntaxNode> AncestorsAndSelf(SyntaxNode node)
    {
        for (SyntaxNode? current = node; current is not null; current = Parent(current))
        {
            yield return current;
        }
    }

    private static IEnumerable<SyntaxNode> Children(SyntaxNode node)
    {
        foreach (var member in ChildMembers.GetOrAdd(node.GetType(), MembersOf))
        {
            switch (member.GetValue(node))
            {
                case SyntaxNode child:
                    yield return child;
                    break;
                case IEnumerable items when member.PropertyType != typeof(string):
                    foreach (var item in items)
                    {
                        if (item is SyntaxNode child)
                        {
                            yield return child;
                        }
                    }

                    break;
            }
        }
    }

    private static PropertyInfo[] MembersOf(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != nameof(SyntaxNode.Span)
                && (typeof(SyntaxNode).IsAssignableFrom(p.PropertyType) || (typeof(IEnumerable).IsAssignableFrom(p.PropertyType) && p.PropertyType != typeof(string))))];
}
