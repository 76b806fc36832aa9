using System.Text;
using Antlr4.Runtime;
using HyperDsl.Syntax.Parsing.Generated;

namespace HyperDsl.Syntax.Formatting;

/// <summary>
/// Writes the canonical text line by line. Line breaks stay where the author put them (a line
/// break can end a statement, so moving one could change the meaning); what changes is the
/// indentation, the spaces between tokens, the columns and the blank lines.
/// </summary>
internal sealed class SpecWriter
{
    private const int IndentSize = 2;

    // Continuation lines of a statement outside brackets (after a trailing operator, before
    // `when`, `then`) that are not in a section with a value column.
    private const int ContinuationIndent = 4;

    private readonly LayoutFacts _facts;
    private readonly StringBuilder _output = new();
    private readonly Stack<OpenBracket> _brackets = new();
    private int _statementIndent;
    private int? _valueColumn;
    private IToken? _lastCode;
    private readonly List<int> _breaksSinceCode = [];

    private SpecWriter(LayoutFacts facts) => _facts = facts;

    public static string Write(IList<IToken> tokens, LayoutFacts facts)
    {
        var writer = new SpecWriter(facts);
        var lines = SourceLine.Split(tokens);
        var newLine = tokens.FirstOrDefault(token => token.Type == HypLexer.NL)?.Text == "\r\n" ? "\r\n" : "\n";
        var blankPending = false;
        foreach (var line in lines)
        {
            if (line.Items.Count == 0)
            {
                blankPending |= writer._output.Length > 0;
                continue;
            }

            var text = writer.Render(line);
            if (blankPending && !IsCloser(line.Items[0]))
            {
                writer._output.Append(newLine);
            }

            blankPending = false;
            writer._output.Append(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", newLine, StringComparison.Ordinal)).Append(newLine);
        }

        return writer._output.ToString();
    }

    private string Render(SourceLine line)
    {
        var first = line.Items[0];
        _breaksSinceCode.AddRange(line.BreaksBefore);
        var indent = IndentOf(line);
        var text = new StringBuilder().Append(' ', indent);
        var inputIndent = first.Column;
        var lastCode = line.Items.FindLastIndex(item => item.Type is not (HypLexer.LINE_COMMENT or HypLexer.BLOCK_COMMENT));

        // Columns are counted as the line grows (a block comment over several lines restarts
        // them), never by scanning back: a line can hold thousands of tokens.
        var lineStart = 0;
        int Column() => text.Length - lineStart;

        for (var i = 0; i < line.Items.Count; i++)
        {
            var token = line.Items[i];
            if (i > 0)
            {
                text.Append(' ', Spacing(line.Items[i - 1], token, i == line.Items.Count - 1, Column(), indent, inputIndent));
            }

            if (_facts.ValueStarts.Contains(token.TokenIndex))
            {
                _valueColumn = Column();
            }

            var tokenText = i == 0 ? Reindented(token.Text, indent - inputIndent) : token.Text;
            text.Append(tokenText);
            var lastBreak = tokenText.LastIndexOf('\n');
            if (lastBreak >= 0)
            {
                lineStart = text.Length - (tokenText.Length - lastBreak - 1);
            }

            if (token.Type is not (HypLexer.LINE_COMMENT or HypLexer.BLOCK_COMMENT))
            {
                _lastCode = token;
                _breaksSinceCode.Clear();
            }

            switch (token.Type)
            {
                case HypLexer.LBRACE or HypLexer.LPAREN or HypLexer.LBRACK:
                    var content = i == lastCode ? indent + IndentSize : Column() + (token.Type == HypLexer.LBRACE ? 1 : 0);
                    _brackets.Push(new OpenBracket(token.Type != HypLexer.LBRACE, indent, content, _statementIndent, _valueColumn));
                    break;
                case HypLexer.RBRACE or HypLexer.RPAREN or HypLexer.RBRACK when _brackets.Count > 0:
                    var closed = _brackets.Pop();
                    _statementIndent = closed.OuterStatementIndent;
                    _valueColumn = closed.OuterValueColumn;
                    break;
            }
        }

        return text.ToString();
    }

    // A block comment that opens a line moves with it: its later lines shift by as much, as long
    // as each has the whitespace to give; otherwise the comment stays as written.
    private static string Reindented(string text, int shift)
    {
        if (shift == 0 || !text.Contains('\n', StringComparison.Ordinal))
        {
            return text;
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (shift < 0 && lines.Skip(1).Any(line => line.Length - line.TrimStart(' ').Length < -shift && line.Trim().Length > 0))
        {
            return text;
        }

        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length > 0)
            {
                lines[i] = shift > 0 ? new string(' ', shift) + lines[i] : lines[i][-shift..];
            }
        }

        return string.Join("\n", lines);
    }

    private int IndentOf(SourceLine line)
    {
        var first = line.Items[0];
        var innermost = _brackets.Count > 0 ? _brackets.Peek() : null;
        if (IsCloser(first))
        {
            return innermost?.LineIndent ?? 0;
        }

        // A comment line sits where the code around it does: inside a statement that goes on
        // (before its `when` line, say) at the continuation's indentation.
        var content = innermost?.ContentIndent ?? 0;
        var commentsOnly = line.Items.All(item => item.Type is HypLexer.LINE_COMMENT or HypLexer.BLOCK_COMMENT);
        if (IsContinuation())
        {
            return first.Type == HypLexer.ELSE ? _statementIndent : _valueColumn ?? _statementIndent + ContinuationIndent;
        }

        if (commentsOnly)
        {
            return content;
        }

        _statementIndent = content;
        _valueColumn = null;
        return content;
    }

    // A line continues the statement above when it is not inside ( or [ (where every line is
    // content) and no line break since the last token (comment lines skipped) ended a statement.
    private bool IsContinuation()
    {
        if (_lastCode is null || _lastCode.Type == HypLexer.LBRACE || (_brackets.Count > 0 && _brackets.Peek().IsList))
        {
            return false;
        }

        return !_breaksSinceCode.Any(_facts.Separators.Contains);
    }

    private int Spacing(IToken previous, IToken next, bool endsLine, int column, int indent, int inputIndent)
    {
        var gap = next.StartIndex - previous.StopIndex - 1;

        // Alignment the author made by hand (a trailing comment, or what follows ',' or ';', set
        // apart by two or more spaces) keeps its column, so comment columns and tabulated
        // arguments survive; a single space stays a single space.
        var keepsColumn = next.Type == HypLexer.LINE_COMMENT || (next.Type == HypLexer.BLOCK_COMMENT && endsLine) || (previous.Type is HypLexer.COMMA or HypLexer.SEMI && !IsCloser(next));
        if (keepsColumn && gap >= 2 && !previous.Text.Contains('\n', StringComparison.Ordinal))
        {
            return Math.Max(1, indent + next.Column - inputIndent - column);
        }

        if (next.Type == HypLexer.LINE_COMMENT)
        {
            return 1;
        }

        if (_facts.NameColumns.TryGetValue(previous.TokenIndex, out var width))
        {
            return width - previous.Text.Length + 1;
        }

        if (_facts.RequireColumns.TryGetValue(previous.TokenIndex, out var requireWidth))
        {
            return gap >= 2 && requireWidth > previous.Text.Length ? requireWidth - previous.Text.Length + 1 : 1;
        }

        if (_facts.ArrowColumns.TryGetValue(next.TokenIndex, out var patternWidth))
        {
            // The arm's patterns start the line (LayoutFacts aligns no other arm).
            return Math.Max(1, indent + patternWidth + 1 - column);
        }

        return TokenSpacing.Between(previous, next, _facts);
    }

    private static bool IsCloser(IToken token) => token.Type is HypLexer.RBRACE or HypLexer.RPAREN or HypLexer.RBRACK;

    /// <summary>An open bracket: where its closer goes, where its content lines start, and the statement it interrupted.</summary>
    private sealed record OpenBracket(bool IsList, int LineIndent, int ContentIndent, int OuterStatementIndent, int? OuterValueColumn);
}
