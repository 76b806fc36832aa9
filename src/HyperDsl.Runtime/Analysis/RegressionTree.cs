namespace HyperDsl.Runtime.Analysis;

/// <summary>
/// A CART regression tree grown to minimise squared error, as scikit-learn's <c>DecisionTreeRegressor</c>
/// grows the trees of a random forest: every feature is tried at each node (in a random order, which
/// decides ties), thresholds lie halfway between neighbouring distinct values, and rows carry weights
/// (the forest's bootstrap counts).
/// </summary>
internal sealed class RegressionTree
{
    /// <summary>Two values closer than this are one value (scikit-learn's <c>FEATURE_THRESHOLD</c>), so no split falls between them.</summary>
    private const double SameValue = 1e-7;

    private readonly List<TreeNode> nodes = [];

    private RegressionTree()
    {
    }

    /// <summary>The nodes, the root first; a node's children come after it.</summary>
    public IReadOnlyList<TreeNode> Nodes => nodes;

    /// <summary>Grows a tree on the rows whose weight is above zero.</summary>
    public static RegressionTree Fit(IReadOnlyList<double[]> rows, IReadOnlyList<double> targets, IReadOnlyList<int> weights, int maxDepth, Random random)
    {
        var tree = new RegressionTree();
        var used = Enumerable.Range(0, rows.Count).Where(i => weights[i] > 0).ToArray();
        tree.Grow(rows, targets, weights, used, 0, maxDepth, random);
        return tree;
    }

    /// <summary>The tree's prediction for one row.</summary>
    public double Predict(IReadOnlyList<double> row)
    {
        var node = nodes[0];
        while (!node.IsLeaf)
        {
            node = nodes[row[node.Feature] <= node.Threshold ? node.Left : node.Right];
        }

        return node.Value;
    }

    private int Grow(IReadOnlyList<double[]> rows, IReadOnlyList<double> targets, IReadOnlyList<int> weights, int[] samples, int depth, int maxDepth, Random random)
    {
        double total = 0, sum = 0, squares = 0;
        foreach (var i in samples)
        {
            total += weights[i];
            sum += weights[i] * targets[i];
            squares += weights[i] * targets[i] * targets[i];
        }

        var mean = sum / total;
        var index = nodes.Count;
        nodes.Add(TreeNode.Leaf(mean));
        var impurity = (squares / total) - (mean * mean);
        if (depth >= maxDepth || samples.Length < 2 || impurity <= 1e-12 * Math.Max(1, mean * mean))
        {
            return index;
        }

        if (BestSplit(rows, targets, weights, samples, sum, total, random) is not { } split)
        {
            return index;
        }

        var left = samples.Where(i => rows[i][split.Feature] <= split.Threshold).ToArray();
        var right = samples.Where(i => rows[i][split.Feature] > split.Threshold).ToArray();
        var leftIndex = Grow(rows, targets, weights, left, depth + 1, maxDepth, random);
        var rightIndex = Grow(rows, targets, weights, right, depth + 1, maxDepth, random);
        nodes[index] = new TreeNode(split.Feature, split.Threshold, leftIndex, rightIndex, mean);
        return index;
    }

    /// <summary>The split that most lowers the weighted squared error, or null when every feature is constant here.</summary>
    private static (int Feature, double Threshold)? BestSplit(IReadOnlyList<double[]> rows, IReadOnlyList<double> targets, IReadOnlyList<int> weights, int[] samples, double sum, double total, Random random)
    {
        var features = Enumerable.Range(0, rows[0].Length).ToArray();
        random.Shuffle(features);

        // Maximising sumL²/wL + sumR²/wR is minimising the children's squared error.
        var best = (sum * sum / total) + 1e-12 * Math.Abs(sum * sum / total);
        (int, double)? chosen = null;
        foreach (var feature in features)
        {
            var order = samples.OrderBy(i => rows[i][feature]).ToArray();
            double leftWeight = 0, leftSum = 0;
            for (var k = 0; k < order.Length - 1; k++)
            {
                leftWeight += weights[order[k]];
                leftSum += weights[order[k]] * targets[order[k]];
                var here = rows[order[k]][feature];
                var next = rows[order[k + 1]][feature];
                if (next <= here + SameValue)
                {
                    continue;
                }

                var rightWeight = total - leftWeight;
                var rightSum = sum - leftSum;
                var score = (leftSum * leftSum / leftWeight) + (rightSum * rightSum / rightWeight);
                if (score > best)
                {
                    best = score;
                    var threshold = (here + next) / 2;
                    chosen = (feature, threshold >= next ? here : threshold);
                }
            }
        }

        return chosen;
    }
}
