using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Pruning;

/// <summary>
/// Hyperband's brackets and which trial belongs to which: from bracket 0 (first rung after <c>minResource</c> epochs) to the last
/// (no rung at all), with trials spread over them in proportion to each bracket's budget (Optuna's bracket count and budgets). A
/// trial's bracket is a fixed function of its number, so a resumed study, another process or worker, and the stopping and the
/// promoting Hyperband all put every trial in the same bracket.
/// </summary>
public sealed class HyperbandBrackets
{
    private readonly int[] _budgetEnds;

    /// <summary>The brackets for trials of <paramref name="maxResource"/> epochs.</summary>
    public HyperbandBrackets(int maxResource, int minResource, int reductionFactor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minResource, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResource, minResource);
        ArgumentOutOfRangeException.ThrowIfLessThan(reductionFactor, 2);
        var count = (int)Math.Floor(Math.Log((double)maxResource / minResource, reductionFactor) + 1e-9) + 1;
        _budgetEnds = new int[count];
        var total = 0;
        for (var i = 0; i < count; i++)
        {
            var s = count - 1 - i;
            total += (int)Math.Ceiling(count * Math.Pow(reductionFactor, s) / (s + 1));
            _budgetEnds[i] = total;
        }
    }

    /// <summary>How many brackets there are.</summary>
    public int Count => _budgetEnds.Length;

    /// <summary>The bracket trial <paramref name="number"/> belongs to, from 0 (most aggressive).</summary>
    public int Of(int number)
    {
        var slot = (int)((uint)SeedMixer.Mix(0x4879_7065, number, stream: 1) % (uint)_budgetEnds[^1]);
        return Array.FindIndex(_budgetEnds, end => slot < end);
    }
}
