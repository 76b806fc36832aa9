using Antlr4.Runtime;
using HyperDsl.Syntax.Parsing.Generated;

namespace HyperDsl.Syntax.Formatting;

/// <summary>
/// One line of the input as the formatter sees it: its tokens and comments without the
/// whitespace, and the line breaks since the last line that had any (blank lines included).
/// </summary>
internal sealed class SourceLine
{
    private SourceLine(List<IToken> items, List<int> breaksBefore)
    {
        Items = items;
        BreaksBefore = breaksBefore;
    }

    /// <summary>Tokens and comments, in order; empty for a blank line.</summary>
    public List<IToken> Items { get; }

    /// <summary>Indexes of the line-break tokens between the previous non-blank line and this one.</summary>
    public List<int> BreaksBefore { get; }

    public static List<SourceLine> Split(IList<IToken> tokens)
    {
        var lines = new List<SourceLine>();
        var items = new List<IToken>();
        var breaks = new List<int>();
        foreach (var token in tokens)
        {
            switch (token.Type)
            {
                case HypLexer.WS or TokenConstants.EOF:
                    break;
                case HypLexer.NL:
                    lines.Add(new SourceLine(items, items.Count == 0 ? [] : breaks));
                    if (items.Count > 0)
                    {
                        breaks = [];
                    }

                    items = [];
                    breaks.Add(token.TokenIndex);
                    break;
                default:
                    items.Add(token);
                    break;
            }
        }

        lines.Add(new SourceLine(items, items.Count == 0 ? [] : breaks));
        return lines;
    }
}
