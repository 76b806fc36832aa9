namespace HyperDsl.LanguageServer.Analysis;

/// <summary>Where in a spec the cursor is, for completion: which kind of block, which call, how far into the statement.</summary>
internal enum BlockKind
{
    /// <summary>Outside every experiment and block: imports, blocks, experiments.</summary>
    TopLevel,

    /// <summary>Inside <c>experiment { }</c>: its sections.</summary>
    Experiment,

    /// <summary>The <c>params</c> section.</summary>
    Params,

    /// <summary>A model, a block body, or a loop, branch or residual inside them: layers.</summary>
    Model,

    /// <summary>An <c>augment</c> or <c>evaluate</c> block: transforms.</summary>
    Transforms,

    /// <summary>A <c>data</c> section.</summary>
    Data,

    /// <summary>A <c>train</c> section.</summary>
    Train,

    /// <summary>A <c>tune</c> section.</summary>
    Tune,
}

/// <summary>
/// What the text before the cursor says about where it is, read token by token without a parse
/// (the text being typed rarely parses): the blocks and calls it is inside, and the statement or
/// argument written so far. Comments and strings are skipped.
/// </summary>
/// <param name="Block">The innermost block's kind.</param>
/// <param name="Statement">The words and signs of the statement before the cursor (not counting the word being typed); a call's parentheses and arguments are part of it.</param>
/// <param name="Callee">The name before the innermost open <c>(</c> the cursor is in, if any.</param>
/// <param name="Argument">The words and signs of the argument before the cursor, in the innermost open <c>(</c> or <c>[</c>.</param>
/// <param name="InBrackets">True when the cursor is inside an open <c>(</c> or <c>[</c>.</param>
/// <param name="BlockParameters">The parameters of the block declaration the cursor is in (a block body sees only these).</param>
/// <param name="InBlockDeclaration">True inside a <c>block</c> declaration.</param>
/// <param name="LoopVariables">The variables of the loops the cursor is in.</param>
/// <param name="Matched">In the arms of <c>match x { }</c>: <c>x</c>, whose choices the arms name.</param>
/// <param name="BeforeMatch">What the statement holding that <c>match</c> wrote before it (<c>optimizer</c> in <c>optimizer match optimizer {</c>).</param>
internal sealed record CompletionContext(
    BlockKind Block,
    IReadOnlyList<string> Statement,
    string? Callee,
    IReadOnlyList<string> Argument,
    bool InBrackets,
    IReadOnlyList<string> BlockParameters,
    bool InBlockDeclaration,
    IReadOnlyList<string> LoopVariables,
    string? Matched = null,
    IReadOnlyList<string>? BeforeMatch = null)
{
    /// <summary>True when nothing of the statement is written yet: the cursor is where a statement starts.</summary>
    public bool AtStatementStart => !InBrackets && Statement.Count == 0;

    public static CompletionContext Before(string text, int offset)
    {
        var tokens = Tokens(text, Math.Clamp(offset, 0, text.Length)).ToList();

        // The word being typed is not part of the context.
        if (tokens.Count > 0 && tokens[^1].End == offset && IsWord(tokens[^1].Text))
        {
            tokens.RemoveAt(tokens.Count - 1);
        }

        var frames = new List<Frame>();
        var statement = new List<string>();
        foreach (var (token, _) in tokens)
        {
            switch (token)
            {
                case "{":
                    frames.Add(new Frame('{', Kind(statement, frames.LastOrDefault(f => f.Open == '{')?.Kind ?? BlockKind.TopLevel), statement, statement));
                    statement = [];
                    break;
                case "(" or "[":
                    // A call's arguments stay part of its statement.
                    frames.Add(new Frame(token[0], BlockKind.TopLevel, [.. statement], statement));
                    statement.Add(token);
                    break;
                case "}" or ")" or "]":
                    var open = token switch { "}" => '{', ")" => '(', _ => '[' };
                    var index = frames.FindLastIndex(f => f.Open == open);
                    if (index >= 0)
                    {
                        statement = frames[index].Outer;
                        frames.RemoveRange(index, frames.Count - index);
                    }

                    // A closed block ends its statement.
                    statement = open == '{' ? [] : [.. statement, token];
                    break;
                case "\n" or ";":
                    if (frames.Count == 0 || frames[^1].Open == '{')
                    {
                        statement = [];
                    }

                    break;
                default:
                    statement.Add(token);
                    break;
            }
        }

        var block = frames.LastOrDefault(f => f.Open == '{');
        var bracket = frames.Count > 0 && frames[^1].Open != '{' ? frames[^1] : null;
        var declaration = frames.FirstOrDefault(f => f.Open == '{' && f.Header.FirstOrDefault() == "block");
        return new CompletionContext(
            block?.Kind ?? BlockKind.TopLevel,
            statement,
            bracket is { Open: '(' } && bracket.Header.LastOrDefault() is { } name && IsWord(name) ? name : null,
            bracket is null ? [] : [.. statement.Skip(statement.FindLastIndex(t => t is "(" or "[" or ",") + 1)],
            bracket is not null,
            declaration is null ? [] : [.. declaration.Header.Where((t, i) => i > 1 && IsWord(t) && declaration.Header.ElementAtOrDefault(i + 1) == ":")],
            declaration is not null,
            [.. frames.Where(f => f.Open == '{' && f.Header.FirstOrDefault() == "for" && f.Header.Count > 1).Select(f => f.Header[1])],
            block is not null && frames[^1] == block && block.Header.IndexOf("match") is var at and >= 0 ? block.Header.ElementAtOrDefault(at + 1) : null,
            block is not null && block.Header.IndexOf("match") is var before and >= 0 ? [.. block.Header.Take(before)] : null);
    }

    private static BlockKind Kind(List<string> header, BlockKind outer) => header.FirstOrDefault() switch
    {
        "experiment" => BlockKind.Experiment,
        "block" => BlockKind.Model,
        "params" => BlockKind.Params,
        "model" => BlockKind.Model,
        "data" => BlockKind.Data,
        "train" => BlockKind.Train,
        "tune" => BlockKind.Tune,
        "augment" or "evaluate" => BlockKind.Transforms,
        _ => outer,
    };

    /// <summary>True for a name (not a number or a sign).</summary>
    public static bool IsWord(string token) => token.Length > 0 && (char.IsLetter(token[0]) || token[0] == '_');

    // Words, numbers, signs ('=>' as one) and line breaks; comments are left out, and a string is one token.
    private static IEnumerable<(string Text, int End)> Tokens(string text, int end)
    {
        var i = 0;
        while (i < end)
        {
            var c = text[i];
            if (c == '/' && i + 1 < end && text[i + 1] == '/')
            {
                while (i < end && text[i] is not ('\n' or '\r'))
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < end && text[i + 1] == '*')
            {
                var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = close < 0 || close + 2 > end ? end : close + 2;
            }
            else if (c == '"')
            {
                i++;
                while (i < end && text[i] is not ('"' or '\n' or '\r'))
                {
                    i += text[i] == '\\' ? 2 : 1;
                }

                i = Math.Min(i + 1, end);
                yield return ("\"\"", i);
            }
            else if (c is '\n' or '\r')
            {
                i++;
                yield return ("\n", i);
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsLetterOrDigit(c) || c == '_')
            {
                var start = i;
                while (i < end && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                yield return (text[start..i], i);
            }
            else if (c == '=' && i + 1 < end && text[i + 1] == '>')
            {
                i += 2;
                yield return ("=>", i);
            }
            else
            {
                i++;
                yield return (c.ToString(), i);
            }
        }
    }

    // An open bracket: what kind of block it opens, the statement written before it, and the statement to go back to when it closes.
    private sealed record Frame(char Open, BlockKind Kind, List<string> Header, List<string> Outer);
}
