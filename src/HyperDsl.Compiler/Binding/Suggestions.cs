namespace HyperDsl.Compiler.Binding;

/// <summary>
/// "Did you mean ...?" from the closest candidates by edit distance. One instance serves a whole
/// compilation and computes at most <see cref="CheckLimits.MaxSuggestionWork"/> cells of edit
/// distance: a hostile file of forty thousand unknown names among a thousand parameters would
/// otherwise spend minutes on hints. Past that, diagnostics come without the hint.
/// </summary>
internal sealed class Suggestions
{
    private long _workLeft;

    public Suggestions(long work)
    {
        _workLeft = work;
    }

    /// <summary>No limit: for a few candidates at a time (a backbone's layer names).</summary>
    public static Suggestions Unlimited { get; } = new(long.MaxValue);

    public string? Closest(string name, IEnumerable<string> candidates) => Best(name, candidates).FirstOrDefault();

    public string? Help(string name, IEnumerable<string> candidates)
    {
        var best = Best(name, candidates);
        return best.Count == 0 ? null : Diagnostics.CompilerDiagnostics.DidYouMean(best);
    }

    // The candidates at the smallest distance, close enough to be a typo: about a third of the
    // name may differ. A candidate that the name starts (val_acc, val_accuracy) wins outright.
    private List<string> Best(string name, IEnumerable<string> candidates)
    {
        if (_workLeft <= 0)
        {
            return [];
        }

        var all = candidates.ToList();
        if (!Spend(all.Count))
        {
            return [];
        }

        if (name.Length >= 3 && all.Where(c => c.Length > name.Length && c.StartsWith(name, StringComparison.Ordinal)).Order(StringComparer.Ordinal).MinBy(c => c.Length) is { } completion)
        {
            return [completion];
        }

        // Lengths further apart than the allowed distance cannot be within it; only the rest are
        // sorted and measured.
        var allowed = Math.Max(1, name.Length / 3);
        var scored = new List<(string Candidate, int Distance)>();
        foreach (var candidate in all.Where(c => c.Length > 0 && Math.Abs(c.Length - name.Length) <= allowed).Distinct().Order(StringComparer.Ordinal))
        {
            if (!Spend((long)(name.Length + 1) * (candidate.Length + 1)))
            {
                return [];
            }

            var distance = Distance(name, candidate);
            if (distance <= allowed)
            {
                scored.Add((candidate, distance));
            }
        }

        if (scored.Count == 0)
        {
            return [];
        }

        var best = scored.Min(s => s.Distance);
        return [.. scored.Where(s => s.Distance == best).Select(s => s.Candidate)];
    }

    private bool Spend(long work)
    {
        if (ReferenceEquals(this, Unlimited))
        {
            return true;
        }

        _workLeft -= work;
        return _workLeft >= 0;
    }

    // Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
