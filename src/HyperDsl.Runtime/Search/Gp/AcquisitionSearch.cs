namespace HyperDsl.Runtime.Search.Gp;

/// <summary>
/// Maximises an acquisition function over the modelled coordinates: it scores random candidates,
/// then refines the best of them (and the best points observed so far) by a coordinate pattern
/// search: each numeric coordinate moved up and down by a step that halves when nothing
/// improves, each categorical coordinate tried at every choice. Every point scored is snapped to
/// values the parameters can take.
/// </summary>
internal static class AcquisitionSearch
{
    private const double FirstStep = 0.25;
    private const double LastStep = 1e-4;
    private const int MaxEvaluationsPerStart = 400;

    /// <summary>
    /// The best point over the coordinates <paramref name="free"/> of <paramref name="dimensions"/>
    /// (the others as in <paramref name="at"/>), as a whole point, and its acquisition. A point
    /// <paramref name="feasible"/> refuses scores −∞, so neither a candidate nor a refinement step
    /// lands there (a <c>require</c> constraint on the parameters); −∞ is returned when none was feasible.
    /// <paramref name="observed"/> (whole points) start local searches too.
    /// </summary>
    public static (double[] Point, double Value) Maximize(Func<double[], double> acquisition, IReadOnlyList<GpDimension> dimensions, double[] at, IReadOnlyList<int> free, IReadOnlyList<double[]> observed, Random random, GpOptions options, Func<double[], bool>? feasible)
    {
        double[] Full(double[] point)
        {
            var full = (double[])at.Clone();
            for (var k = 0; k < free.Count; k++)
            {
                full[free[k]] = point[k];
            }

            return full;
        }

        double Score(double[] point)
        {
            var full = Full(point);
            return feasible is null || feasible(full) ? acquisition(full) : double.NegativeInfinity;
        }

        var (x, value) = free.Count == 0
            ? (Array.Empty<double>(), Score([]))
            : Maximize(Score, [.. free.Select(k => dimensions[k])], [.. observed.Select(o => free.Select(k => o[k]).ToArray())], random, options.Candidates, options.LocalSearchStarts);
        return (Full(x), value);
    }

    /// <summary>The best point found and its acquisition value.</summary>
    private static (double[] X, double Value) Maximize(Func<double[], double> acquisition, IReadOnlyList<GpDimension> dimensions, IReadOnlyList<double[]> observedBest, Random random, int candidates, int starts)
    {
        var scored = new List<(double[] X, double Value)>();
        for (var c = 0; c < candidates; c++)
        {
            var x = dimensions.Select(d => d.Draw(random)).ToArray();
            scored.Add((x, acquisition(x)));
        }

        var origins = scored.OrderByDescending(s => s.Value).Take(starts).Select(s => s.X)
            .Concat(observedBest.Select(x => (double[])x.Clone()))
            .ToList();
        var best = scored.MaxBy(s => s.Value);
        foreach (var origin in origins)
        {
            var refined = Refine(acquisition, dimensions, origin);
            if (refined.Value > best.Value || double.IsNaN(best.Value))
            {
                best = refined;
            }
        }

        return best;
    }

    private static (double[] X, double Value) Refine(Func<double[], double> acquisition, IReadOnlyList<GpDimension> dimensions, double[] start)
    {
        var x = (double[])start.Clone();
        var value = acquisition(x);
        var evaluations = 1;
        var triedChoices = false;
        for (var step = FirstStep; step >= LastStep && evaluations < MaxEvaluationsPerStart;)
        {
            var improved = false;
            for (var k = 0; k < dimensions.Count; k++)
            {
                var dimension = dimensions[k];
                IEnumerable<double> moves = dimension.IsCategorical
                    ? triedChoices ? [] : Enumerable.Range(0, dimension.ChoiceCount).Select(c => (double)c)
                    : [dimension.Snap(x[k] - step), dimension.Snap(x[k] + step)];
                foreach (var move in moves)
                {
                    if (move == x[k])
                    {
                        continue;
                    }

                    var trial = (double[])x.Clone();
                    trial[k] = move;
                    var trialValue = acquisition(trial);
                    evaluations++;
                    if (trialValue > value)
                    {
                        (x, value, improved) = (trial, trialValue, true);
                    }
                }
            }

            // Categorical choices are retried only after a numeric move, which may change which is best.
            triedChoices = !improved;
            if (!improved)
            {
                step /= 2;
            }
        }

        return (x, value);
    }
}
