using System.Text;

namespace HyperDsl.Syntax.Diagnostics;

/// <summary>
/// The part of a source line the annotated form shows: at most a given width of escaped text
/// around a span, "..." where the line was cut, and the indentation and length of the caret
/// that underlines the span in that text.
/// </summary>
internal readonly record struct SourceExcerpt(string Text, string Indentation, int CaretLength)
{
    private const string Ellipsis = "...";

    /// <summary>
    /// The excerpt of <paramref name="text"/>'s line <c>[lineStart, lineEnd)</c> around the span
    /// <c>[spanStart, spanEnd)</c>. Only up to <paramref name="width"/> characters on each side of
    /// the span start are looked at, so a megabyte-long line costs no more than a short one.
    /// </summary>
    public static SourceExcerpt Around(string text, int lineStart, int lineEnd, int spanStart, int spanEnd, int width)
    {
        var (left, leftComplete) = ShownBackward(text, lineStart, spanStart, width);
        var (right, rightComplete) = ShownForward(text, spanStart, lineEnd, width);
        var leftLength = left.Sum(p => p.Shown.Length);
        var rightLength = right.Sum(p => p.Shown.Length);

        // The span start stays in view: the right side gets at least half the width, the left what the right leaves.
        var leftBudget = leftLength + rightLength <= width ? leftLength : Math.Min(leftLength, Math.Max(width / 2, width - rightLength));
        var rightBudget = width - leftBudget;

        var builder = new StringBuilder();
        var indentation = new StringBuilder();
        var keptLeft = new List<string>();
        var used = 0;
        foreach (var (shown, _) in left)
        {
            if (used + shown.Length > leftBudget)
            {
                leftComplete = false;
                break;
            }

            keptLeft.Add(shown);
            used += shown.Length;
        }

        if (!leftComplete)
        {
            builder.Append(Ellipsis);
            indentation.Append(' ', Ellipsis.Length);
        }

        for (var i = keptLeft.Count - 1; i >= 0; i--)
        {
            builder.Append(keptLeft[i]);

            // Tabs stay tabs so the caret lines up with what the terminal shows above it.
            if (keptLeft[i] == "\t")
            {
                indentation.Append('\t');
            }
            else
            {
                indentation.Append(' ', keptLeft[i].Length);
            }
        }

        used = 0;
        var caretLength = 0;
        foreach (var (shown, index) in right)
        {
            if (used + shown.Length > rightBudget)
            {
                rightComplete = false;
                break;
            }

            builder.Append(shown);
            used += shown.Length;
            if (index < spanEnd)
            {
                caretLength += shown.Length;
            }
        }

        if (!rightComplete)
        {
            builder.Append(Ellipsis);
        }

        return new SourceExcerpt(builder.ToString(), indentation.ToString(), Math.Max(1, caretLength));
    }

    // The characters before `end`, nearest first, as shown, until `width` is reached or `start`.
    private static (List<(string Shown, int Index)> Pieces, bool Complete) ShownBackward(string text, int start, int end, int width)
    {
        var pieces = new List<(string, int)>();
        var length = 0;
        var i = end;
        while (i > start)
        {
            var at = i - 1;
            if (char.IsLowSurrogate(text[at]) && at > start && char.IsHighSurrogate(text[at - 1]))
            {
                at--;
            }

            var (shown, _) = Show(text, at);
            if (length + shown.Length > width)
            {
                return (pieces, false);
            }

            pieces.Add((shown, at));
            length += shown.Length;
            i = at;
        }

        return (pieces, true);
    }

    // The characters from `start`, as shown, until `width` is reached or `end`.
    private static (List<(string Shown, int Index)> Pieces, bool Complete) ShownForward(string text, int start, int end, int width)
    {
        var pieces = new List<(string, int)>();
        var length = 0;
        var i = start;
        while (i < end)
        {
            var (shown, consumed) = Show(text, i);
            if (length + shown.Length > width)
            {
                return (pieces, false);
            }

            pieces.Add((shown, i));
            length += shown.Length;
            i += Math.Min(consumed, end - i);
        }

        return (pieces, true);
    }

    // As in messages, except that a tab stays a tab: harmless on a terminal, and it keeps the caret in line.
    private static (string Shown, int Length) Show(string text, int index) =>
        text[index] == '\t' ? ("\t", 1) : DiagnosticText.Show(text, index);
}
