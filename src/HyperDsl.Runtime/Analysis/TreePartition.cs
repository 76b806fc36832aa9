namespace HyperDsl.Runtime.Analysis;

/// <summary>
/// A regression tree seen as fANOVA sees it: its leaves cut the space (the box <c>bounds</c>) into boxes,
/// each with a constant prediction. The tree's variance is the prediction's variance over the uniform
/// distribution on the space; the marginal of a group of columns averages the other columns out.
/// </summary>
internal sealed class TreePartition
{
    private readonly List<Leaf> leaves = [];
    private readonly double[][] splits;

    public TreePartition(RegressionTree tree, IReadOnlyList<(double Low, double High)> bounds)
    {
        Bounds = bounds;
        splits = new double[bounds.Count][];
        var values = Enumerable.Range(0, bounds.Count).Select(_ => new SortedSet<double>()).ToArray();
        Collect(tree, 0, [.. bounds.Select(b => b.Low)], [.. bounds.Select(b => b.High)], values);
        for (var c = 0; c < bounds.Count; c++)
        {
            splits[c] = [.. values[c].Where(v => v > bounds[c].Low && v < bounds[c].High)];
        }

        var mean = leaves.Sum(l => l.Volume * l.Value);
        Variance = leaves.Sum(l => l.Volume * (l.Value - mean) * (l.Value - mean));
    }

    public IReadOnlyList<(double Low, double High)> Bounds { get; }

    /// <summary>The variance of the tree's prediction over the whole space.</summary>
    public double Variance { get; }

    /// <summary>
    /// The variance of the prediction as a function of <paramref name="columns"/> alone (the others
    /// averaged out): the grid of the tree's split values on those columns cuts them into cells on
    /// which the marginal is constant; the variance weighs each cell by its size.
    /// </summary>
    public double MarginalVariance(IReadOnlyList<int> columns)
    {
        var cells = new List<(double[] Midpoint, double Size)> { ([], 1.0) };
        foreach (var column in columns)
        {
            var (low, high) = Bounds[column];
            var edges = new[] { low }.Concat(splits[column]).Append(high).ToArray();
            cells = [.. cells.SelectMany(cell => Enumerable.Range(0, edges.Length - 1).Select(k =>
                ((double[])[.. cell.Midpoint, (edges[k] + edges[k + 1]) / 2], cell.Size * (edges[k + 1] - edges[k]) / (high - low))))];
        }

        var marginals = new double[cells.Count];
        for (var c = 0; c < cells.Count; c++)
        {
            double weight = 0, sum = 0;
            foreach (var leaf in leaves)
            {
                if (!leaf.Contains(columns, cells[c].Midpoint))
                {
                    continue;
                }

                // The leaf's share of the other columns' space.
                var rest = leaf.Volume / columns.Select(leaf.Fraction).Aggregate(1.0, (a, b) => a * b);
                weight += rest;
                sum += rest * leaf.Value;
            }

            marginals[c] = weight > 0 ? sum / weight : 0;
        }

        var mean = cells.Select((cell, c) => cell.Size * marginals[c]).Sum();
        return Math.Max(0, cells.Select((cell, c) => cell.Size * (marginals[c] - mean) * (marginals[c] - mean)).Sum());
    }

    private void Collect(RegressionTree tree, int index, double[] low, double[] high, SortedSet<double>[] values)
    {
        var node = tree.Nodes[index];
        if (node.IsLeaf)
        {
            leaves.Add(new Leaf(low, high, node.Value, Bounds));
            return;
        }

        values[node.Feature].Add(node.Threshold);
        var leftHigh = (double[])high.Clone();
        leftHigh[node.Feature] = Math.Min(high[node.Feature], node.Threshold);
        Collect(tree, node.Left, low, leftHigh, values);
        var rightLow = (double[])low.Clone();
        rightLow[node.Feature] = Math.Max(low[node.Feature], node.Threshold);
        Collect(tree, node.Right, rightLow, high, values);
    }

    /// <summary>A leaf's box, its prediction and its share of the space.</summary>
    private sealed class Leaf
    {
        private readonly double[] low;
        private readonly double[] high;
        private readonly double[] fractions;

        public Leaf(double[] low, double[] high, double value, IReadOnlyList<(double Low, double High)> bounds)
        {
            this.low = low;
            this.high = high;
            Value = value;
            fractions = [.. bounds.Select((b, c) => Math.Max(0, high[c] - low[c]) / (b.High - b.Low))];
            Volume = fractions.Aggregate(1.0, (a, b) => a * b);
        }

        public double Value { get; }

        public double Volume { get; }

        public double Fraction(int column) => fractions[column];

        public bool Contains(IReadOnlyList<int> columns, double[] point)
        {
            for (var k = 0; k < columns.Count; k++)
            {
                if (point[k] <= low[columns[k]] || point[k] >= high[columns[k]])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
