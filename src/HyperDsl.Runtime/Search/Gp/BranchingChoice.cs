namespace HyperDsl.Runtime.Search.Gp;

/// <summary>
/// A categorical parameter without a condition whose choice decides which branches (<c>when</c>
/// conditions) a trial enters, as the complete trials show it: a branch belongs to a choice when
/// every complete trial with that choice entered it, and it is entered with some choices and not
/// with others (so its condition reads this choice, as <c>when family == a</c> does). The
/// conditions are opaque text to the sampler, so the history is what tells; a branch that also
/// depends on something else (entered by some trials with a choice and not by others) belongs to none.
/// </summary>
/// <param name="Dimension">The parameter's index among the main model's dimensions.</param>
/// <param name="BranchesOf">For each choice, the branches it opens (none for a choice no complete trial has had yet).</param>
internal sealed record BranchingChoice(int Dimension, IReadOnlyList<IReadOnlyList<int>> BranchesOf)
{
    /// <summary>The choices of <paramref name="main"/> that open branches.</summary>
    /// <param name="main">The main model's dimensions.</param>
    /// <param name="trials">The complete trials: each one's main coordinates (null where it lacks one) and the branches it entered.</param>
    /// <param name="branchCount">How many branches the space has.</param>
    public static IReadOnlyList<BranchingChoice> Find(IReadOnlyList<GpDimension> main, IReadOnlyList<(double?[] Main, IReadOnlySet<int> Entered)> trials, int branchCount)
    {
        var found = new List<BranchingChoice>();
        for (var k = 0; k < main.Count; k++)
        {
            if (!main[k].IsCategorical)
            {
                continue;
            }

            var byChoice = Enumerable.Range(0, main[k].ChoiceCount)
                .Select(c => trials.Where(t => t.Main[k] == c).Select(t => t.Entered).ToList())
                .ToList();
            var branchesOf = byChoice.Select(_ => new List<int>()).ToList();
            for (var b = 0; b < branchCount; b++)
            {
                var always = byChoice.Select(entered => entered.Count > 0 && entered.All(e => e.Contains(b))).ToList();
                var never = byChoice.Select(entered => entered.All(e => !e.Contains(b))).ToList();
                var decided = Enumerable.Range(0, byChoice.Count).All(c => always[c] || never[c]);
                var opened = always.Contains(true);
                var closed = Enumerable.Range(0, byChoice.Count).Any(c => never[c] && byChoice[c].Count > 0);
                if (decided && opened && closed)
                {
                    for (var c = 0; c < byChoice.Count; c++)
                    {
                        if (always[c])
                        {
                            branchesOf[c].Add(b);
                        }
                    }
                }
            }

            if (branchesOf.Any(b => b.Count > 0))
            {
                found.Add(new(k, branchesOf));
            }
        }

        return found;
    }
}
