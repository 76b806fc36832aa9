using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Ast;

/// <summary>
/// Renders an AST as indented text with every node's span (<c>@line:col-line:col</c>): the
/// format of the AST baselines, and what <c>hyp parse</c> would show. Members appear in the
/// order of each record's declaration, so a new member shows up in every baseline diff.
/// </summary>
public static class SyntaxTreePrinter
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> MembersByType = new();

    /// <summary>Renders a node and everything under it.</summary>
    public static string Print(SyntaxNode node) => Print(node, withSpans: true);

    /// <summary>
    /// Renders a node and everything under it, with or without spans: without, two nodes print
    /// the same exactly when they say the same thing, wherever they are and however they are
    /// laid out (what a study hash needs).
    /// </summary>
    public static string Print(SyntaxNode node, bool withSpans)
    {
        ArgumentNullException.ThrowIfNull(node);
        var builder = new StringBuilder();
        WriteNode(builder, node, 0, withSpans);
        return builder.ToString();
    }

    private static void WriteNode(StringBuilder builder, SyntaxNode node, int indent, bool withSpans)
    {
        builder.Append(Describe(node, withSpans));
        builder.Append('\n');
        foreach (var member in Members(node.GetType()))
        {
            var value = member.GetValue(node);
            if (IsScalar(member.PropertyType) || member.Name == nameof(SyntaxNode.Span))
            {
                continue;
            }

            builder.Append(' ', (indent + 1) * 2).Append(member.Name).Append(':');
            switch (value)
            {
                case null:
                    builder.Append(" <none>\n");
                    break;
                case SyntaxNode child:
                    builder.Append(' ');
                    WriteNode(builder, child, indent + 1, withSpans);
                    break;
                case IEnumerable items:
                    var list = items.Cast<SyntaxNode>().ToList();
                    if (list.Count == 0)
                    {
                        builder.Append(" []\n");
                        break;
                    }

                    builder.Append('\n');
                    foreach (var item in list)
                    {
                        builder.Append(' ', (indent + 2) * 2).Append("- ");
                        WriteNode(builder, item, indent + 2, withSpans);
                    }

                    break;
            }
        }
    }

    private static string Describe(SyntaxNode node, bool withSpans)
    {
        if (node is IdentifierSyntax identifier)
        {
            return withSpans ? $"{Quote(identifier.Name)} {Location(node.Span)}" : Quote(identifier.Name);
        }

        var builder = new StringBuilder(node.GetType().Name.Replace("Syntax", string.Empty, StringComparison.Ordinal));
        foreach (var member in Members(node.GetType()))
        {
            if (member.Name != nameof(SyntaxNode.Span) && IsScalar(member.PropertyType))
            {
                builder.Append(' ').Append(member.Name).Append('=').Append(FormatScalar(member.GetValue(node)));
            }
        }

        return withSpans ? builder.Append(' ').Append(Location(node.Span)).ToString() : builder.ToString();
    }

    private static string Location(SourceSpan span)
    {
        var start = span.Start;
        var end = span.End;
        return $"@{start.Line}:{start.Column}-{end.Line}:{end.Column}";
    }

    private static bool IsScalar(Type type) =>
        type == typeof(string) || type == typeof(bool) || type == typeof(double) || type == typeof(TimeSpan) || type.IsEnum;

    private static string FormatScalar(object? value) => value switch
    {
        string text => Quote(text),
        bool flag => flag ? "true" : "false",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        TimeSpan duration => duration.ToString("c", CultureInfo.InvariantCulture),
        null => "<none>",
        _ => value.ToString() ?? string.Empty,
    };

    private static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{{{(int)c:X}}}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    // Primary-constructor order is the declaration order a reader of the record sees.
    private static PropertyInfo[] Members(Type type) => MembersByType.GetOrAdd(type, static t =>
    {
        var constructor = t.GetConstructors().MaxBy(c => c.GetParameters().Length);
        var properties = t.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        return constructor is null
            ? properties
            : [.. constructor.GetParameters().Select(p => properties.First(property => property.Name == p.Name))];
    });
}
