namespace HyperDsl.Compiler.Binding;

/// <summary>"Did you mean ...?" from the closest candidates by edit distance.</summary>
internal static class Suggestions
{
    public static string? Closest(string name, IEnumerable<string> candidates) => Best(name, candidates).FirstOrDefault();

    public static string? Help(string name, IEnumerable<string> candidates)
    {
        var best = Best(name, candidates);
        return best.Count switch
        {
            0 => null,
            1 => $"Did you mean '{best[0]}'?",
            _ => $"Did you mean one of {string.Join(", ", best.Take(5).Select(b => $"'{b}'"))}?",
        };
    }

    // The candidates at the smallest distance, close enough to be a typo: about a third of the
    // name may differ. A candidate that the name starts (val_acc, val_accuracy) wins outright.
    private static List<string> Best(string name, IEnumerable<string> candidates)
    {
        var distinct = candidates.Where(c => c.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        if (name.Length >= 3 && distinct.Where(c => c.StartsWith(name, StringComparison.Ordinal) && c != name).MinBy(c => c.Length) is { } completion)
        {
            return [completion];
        }

        var scored = distinct.Select(c => (Candidate: c, Distance: Distance(name, c))).Where(s => s.Distance <= Math.Max(1, name.Length / 3)).ToList();
        if (scored.Count == 0)
        {
            return [];
        }

        var best = scored.Min(s => s.Distance);
        return [.. scored.Where(s => s.Distance == best).Select(s => s.Candidate)];
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
