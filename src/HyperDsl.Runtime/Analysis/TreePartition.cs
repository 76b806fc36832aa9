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
        // Each column's cell edges: its range cut at the tree's split values.
        var edges = columns.Select(c => new[] { Bounds[c].Low }.Concat(splits[c]).Append(Bounds[c].High).ToArray()).ToArray();
        var counts = edges.Select(e => e.Length - 1).ToArray();
        var cellCount = counts.Aggregate(1, (a, b) => a * b);
        var weights = new double[cellCount];
        var sums = new double[cellCount];

        // A leaf covers a block of cells in each column (its box's edges are split values), so it adds
        // its value, weighed by its share of the other columns' space, to exactly the cells of that block.
        var first = new int[columns.Count];
        var last = new int[columns.Count];
        foreach (var leaf in leaves)
        {
            var rest = leaf.Volume;
            for (var k = 0; k < columns.Count; k++)
            {
                var (low, high) = leaf.Interval(columns[k]);
                first[k] = Array.BinarySearch(edges[k], low) is var a && a >= 0 ? a : ~a;
                last[k] = (Array.BinarySearch(edges[k], high) is var b && b >= 0 ? b : ~b) - 1;
                rest /= leaf.Fraction(columns[k]);
            }

            if (first.Where((f, k) => f > last[k]).Any())
            {
                continue;
            }

            var index = (int[])first.Clone();
            while (true)
            {
                var cell = 0;
                for (var k = 0; k < columns.Count; k++)
                {
                    cell = (cell * counts[k]) + index[k];
                }

                weights[cell] += rest;
                sums[cell] += rest * leaf.Value;
                var d = columns.Count - 1;
                while (d >= 0 && ++index[d] > last[d])
                {
                    index[d] = first[d];
                    d--;
                }

                if (d < 0)
                {
                    break;
                }
            }
        }

        // Each cell's size is its share of the group's space; the marginal is constant on it.
        var sizes = new double[cellCount];
        var marginals = new double[cellCount];
        for (var cell = 0; cell < cellCount; cell++)
        {
            var size = 1.0;
            var rest = cell;
            for (var k = columns.Count - 1; k >= 0; k--)
            {
                var i = rest % counts[k];
                rest /= counts[k];
                size *= (edges[k][i + 1] - edges[k][i]) / (Bounds[columns[k]].High - Bounds[columns[k]].Low);
            }

            sizes[cell] = size;
            marginals[cell] = weights[cell] > 0 ? sums[cell] / weights[cell] : 0;
        }

        var mean = sizes.Select((size, c) => size * marginals[c]).Sum();
        return Math.Max(0, sizes.Select((size, c) => size * (marginals[c] - mean) * (marginals[c] - mean)).Sum());
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

        public (double Low, double High) Interval(int column) => (low[column], high[column]);
    }
}
