namespace HyperDsl.Runtime.Search;

/// <summary>The hypervolume of two minimised objectives: how much of the plane up to a reference point a set of points dominates.</summary>
public static class Hypervolume
{
    /// <summary>
    /// The exact area the <paramref name="points"/> (each two minimised values) dominate below
    /// <paramref name="reference"/>: the staircase of the non-dominated points, summed left to right.
    /// Points not below the reference in both values add nothing.
    /// </summary>
    public static double Of(IEnumerable<IReadOnlyList<double>> points, IReadOnlyList<double> reference)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(reference);
        var volume = 0.0;
        var ceiling = reference[1];
        foreach (var point in points.Where(p => p[0] < reference[0] && p[1] < reference[1]).OrderBy(p => p[0]).ThenBy(p => p[1]))
        {
            if (point[1] < ceiling)
            {
                volume += (reference[0] - point[0]) * (ceiling - point[1]);
                ceiling = point[1];
            }
        }

        return volume;
    }
}
