namespace HyperDsl.Runtime.Analysis;

/// <summary>
/// A random forest regressor as fANOVA fits it (scikit-learn's <c>RandomForestRegressor</c> with every
/// feature tried at each split): each tree grows on a bootstrap sample of the rows. The same seed gives
/// the same forest.
/// </summary>
internal static class RandomForest
{
    public static IReadOnlyList<RegressionTree> Fit(IReadOnlyList<double[]> rows, IReadOnlyList<double> targets, int trees, int maxDepth, int seed)
    {
        var random = new Random(seed);
        var forest = new List<RegressionTree>(trees);
        for (var t = 0; t < trees; t++)
        {
            var counts = new int[rows.Count];
            for (var k = 0; k < rows.Count; k++)
            {
                counts[random.Next(rows.Count)]++;
            }

            forest.Add(RegressionTree.Fit(rows, targets, counts, maxDepth, random));
        }

        return forest;
    }
}
