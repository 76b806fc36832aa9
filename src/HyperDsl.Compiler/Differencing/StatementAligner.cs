using System.Collections.Immutable;
using HyperDsl.Compiler.Lowering;

namespace HyperDsl.Compiler.Differencing;

/// <summary>
/// Aligns two statement lists (a model, a block's body, a transform list) by their canonical
/// text with a longest common subsequence, so one inserted layer reads as one insertion and not
/// as every later layer changed. Within a run of removals and insertions, a removed statement
/// and an inserted one of the same kind (the same layer, block or construct) pair up as one
/// change; a construct whose header stayed (a <c>for</c> over the same range, say) is compared
/// statement by statement inside.
/// </summary>
internal sealed class StatementAligner(DiffSection section, Func<string, string> normalizeNew, List<SpecChange> changes)
{
    public void Align(string path, IReadOnlyList<LoweredStatement> before, IReadOnlyList<LoweredStatement> after)
    {
        var oldKeys = before.Select(CanonicalText.Of).ToArray();
        var newKeys = after.Select(s => normalizeNew(CanonicalText.Of(s))).ToArray();
        var script = EditScript(oldKeys, newKeys);

        var removed = new List<int>();
        var inserted = new List<int>();
        foreach (var (oldIndex, newIndex) in script)
        {
            if (oldIndex is { } o && newIndex is { } n)
            {
                Flush(path, before, after, removed, inserted);
                continue;
            }

            if (oldIndex is { } r)
            {
                removed.Add(r);
            }
            else
            {
                inserted.Add(newIndex!.Value);
            }
        }

        Flush(path, before, after, removed, inserted);
    }

    // One run of removals and insertions between two kept statements: pairs, in order, a removed
    // statement with the next inserted one of its kind; the rest are plain removals and insertions.
    private void Flush(string path, IReadOnlyList<LoweredStatement> before, IReadOnlyList<LoweredStatement> after, List<int> removed, List<int> inserted)
    {
        var pairs = new List<(int Old, int New)>();
        var next = 0;
        foreach (var r in removed)
        {
            for (var k = next; k < inserted.Count; k++)
            {
                if (Kind(before[r]) == Kind(after[inserted[k]]))
                {
                    pairs.Add((r, inserted[k]));
                    next = k + 1;
                    break;
                }
            }
        }

        // In the old order, then what is new: as one reads the two lists side by side.
        foreach (var r in removed)
        {
            if (pairs.FindIndex(p => p.Old == r) is var k and >= 0)
            {
                Changed(Place(path, r), before[r], after[pairs[k].New]);
            }
            else
            {
                changes.Add(new SpecChange(section, ChangeKind.Removed, Place(path, r), null, Display(before[r]), null));
            }
        }

        foreach (var i in inserted.Where(i => pairs.All(p => p.New != i)))
        {
            changes.Add(new SpecChange(section, ChangeKind.Added, Place(path, i), null, null, Display(after[i])));
        }

        removed.Clear();
        inserted.Clear();
    }

    private void Changed(string place, LoweredStatement before, LoweredStatement after)
    {
        switch ((before, after))
        {
            case (LoweredFor o, LoweredFor n) when Same(o.Range, n.Range) && o.Variable == n.Variable:
                Align(place, o.Body, n.Body);
                return;
            case (LoweredResidual o, LoweredResidual n) when SameArguments(o.Arguments, n.Arguments):
                Align(place, o.Body, n.Body);
                return;
            case (LoweredIfStatement o, LoweredIfStatement n) when Same(o.Condition, n.Condition):
                Align(place + ".then", o.Then, n.Then);
                Align(place + ".else", o.Else, n.Else);
                return;
            case (LoweredMatchStatement o, LoweredMatchStatement n) when Same(o.Subject, n.Subject) && o.Arms.Length == n.Arms.Length
                && o.Arms.Zip(n.Arms).All(a => a.First.Patterns.Length == a.Second.Patterns.Length && a.First.Patterns.Zip(a.Second.Patterns).All(p => SamePattern(p.First, p.Second))):
                for (var arm = 0; arm < o.Arms.Length; arm++)
                {
                    Align($"{place}.arm[{arm + 1}]", o.Arms[arm].Body, n.Arms[arm].Body);
                }

                return;
            default:
                changes.Add(new SpecChange(section, ChangeKind.Changed, place, null, Display(before), Display(after)));
                return;
        }
    }

    private bool Same(LoweredExpression before, LoweredExpression after) => CanonicalText.Of(before) == normalizeNew(CanonicalText.Of(after));

    private bool SamePattern(LoweredExpression? before, LoweredExpression? after) =>
        before is null || after is null ? before is null && after is null : Same(before, after);

    private bool SameArguments(ImmutableArray<LoweredArgument> before, ImmutableArray<LoweredArgument> after) =>
        before.Length == after.Length && before.Zip(after).All(p => p.First.Parameter == p.Second.Parameter && Same(p.First.Value, p.Second.Value));

    // What may pair as "changed": the same layer, the same block, or the same construct.
    private static string Kind(LoweredStatement statement) => statement switch
    {
        LoweredLayer layer => "layer " + layer.Entry.Name,
        LoweredBlockUse use => "block " + use.Block.Name,
        LoweredUnresolvedLayer unknown => "unresolved " + unknown.Name,
        LoweredSkip skip => "skip " + skip.Kind + " " + skip.Name,
        _ => statement.GetType().Name,
    };

    private static string Place(string path, int index) => $"{path}[{index + 1}]";

    private static string Display(LoweredStatement statement) => DiffText.OneLine(statement.Span.Text);

    /// <summary>
    /// The longest-common-subsequence edit script: (old, new) for a kept statement, (old, null)
    /// for a removal, (null, new) for an insertion, in order, removals before insertions within a run.
    /// </summary>
    public static List<(int? Old, int? New)> EditScript(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var n = before.Count;
        var m = after.Count;
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = before[i] == after[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var script = new List<(int? Old, int? New)>();
        int a = 0, b = 0;
        while (a < n || b < m)
        {
            if (a < n && b < m && before[a] == after[b])
            {
                script.Add((a++, b++));
            }
            else if (b == m || (a < n && lcs[a + 1, b] >= lcs[a, b + 1]))
            {
                script.Add((a++, null));
            }
            else
            {
                script.Add((null, b++));
            }
        }

        return script;
    }
}
