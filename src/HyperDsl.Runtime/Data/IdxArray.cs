namespace HyperDsl.Runtime.Data;

/// <summary>The content of an IDX file of unsigned bytes: its dimensions and its values in row-major order.</summary>
/// <param name="Dimensions">The sizes, outermost first (images: count, rows, columns; labels: count).</param>
/// <param name="Values">Every value, row-major.</param>
public sealed record IdxArray(IReadOnlyList<int> Dimensions, byte[] Values)
{
    /// <summary>The outermost dimension: the number of items.</summary>
    public int Count => Dimensions[0];
}
