using HyperDsl.Syntax.Parsing;

namespace HyperDsl.Syntax.Formatting;

/// <summary>
/// <c>hyp fmt</c>'s engine: lays a spec out in the one canonical form (see
/// docs/editor-and-source-control.md) without changing a token, a line break between statements
/// or a comment. Idempotent, and never run on a file with syntax errors.
/// </summary>
public static class SpecFormatter
{
    /// <summary>Formats a file already parsed; fails, with its diagnostics, when it has syntax errors.</summary>
    public static FormattingResult Format(SyntaxTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        if (tree.HasErrors)
        {
            return new FormattingResult(null, tree.Diagnostics);
        }

        var (tokens, parseTree) = SpecParser.ParseConcrete(tree.File);
        var facts = LayoutFacts.Of(parseTree, tokens);
        return new FormattingResult(SpecWriter.Write(tokens, facts), tree.Diagnostics);
    }

    /// <summary>Formats text; <paramref name="path"/> is what diagnostics show.</summary>
    public static FormattingResult Format(string text, string path = "input.hyp") => Format(SyntaxTree.Parse(text, path));
}
