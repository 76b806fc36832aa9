namespace HyperDsl.Runtime.Analysis;

/// <summary>One node of a <see cref="RegressionTree"/>: a split (rows with <c>row[Feature] ≤ Threshold</c> go left) or a leaf.</summary>
/// <param name="Feature">The column split on, or -1 for a leaf.</param>
/// <param name="Threshold">The split value.</param>
/// <param name="Left">The left child's index.</param>
/// <param name="Right">The right child's index.</param>
/// <param name="Value">The mean target of the node's rows (a leaf's prediction).</param>
internal sealed record TreeNode(int Feature, double Threshold, int Left, int Right, double Value)
{
    public bool IsLeaf => Feature < 0;

    public static TreeNode Leaf(double value) => new(-1, 0, -1, -1, value);
}
