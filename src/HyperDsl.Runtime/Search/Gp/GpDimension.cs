using HyperDsl.Runtime.Search.Tpe;

namespace HyperDsl.Runtime.Search.Gp;

/// <summary>
/// One modelled parameter as a coordinate in [0, 1]: a numeric range normalised over its model
/// domain (log space for log scales, each int or step owning an equal bin), or a categorical
/// parameter as its choice's index, which the kernel compares only for equality.
/// </summary>
internal sealed record GpDimension(string Name, NumericDomain? Numeric, int ChoiceCount)
{
    public bool IsCategorical => Numeric is null;

    /// <summary>Whether a coordinate can take more than one value (a range of one point or one choice has nothing to learn).</summary>
    public bool Varies => Numeric is { } d ? d.ModelHigh > d.ModelLow : ChoiceCount > 1;

    public static GpDimension? Of(ParameterSpace parameter) => parameter switch
    {
        FloatSpace f => new(f.Name, NumericDomain.ForFloat(f.Low, f.High, f.Log, f.Step), 0),
        IntSpace i => new(i.Name, NumericDomain.ForInt(i.Low, i.High, i.Log, i.Step), 0),
        CategoricalSpace c => new(c.Name, null, c.Choices.Count),
        _ => null,
    };

    /// <summary>A random coordinate: uniform over the range, or a uniform choice.</summary>
    public double Draw(Random random) => IsCategorical ? random.Next(ChoiceCount) : Snap(random.NextDouble());

    /// <summary>The coordinate of the value the parameter really takes at <paramref name="u"/> (its bin's, for ints and steps), so the model is asked only about points a trial can have.</summary>
    public double Snap(double u)
    {
        if (Numeric is not { } d)
        {
            return Math.Clamp(Math.Round(u), 0, ChoiceCount - 1);
        }

        return Coordinate(d, ValueAt(d, u));
    }

    /// <summary>The coordinate of a stored value, or null when it is not a value of this parameter.</summary>
    public double? CoordinateOf(object stored, IReadOnlyList<object>? choices)
    {
        if (Numeric is { } d)
        {
            return StoredValue.TryNumber(stored, out var value) && d.Contains(value) ? Coordinate(d, value) : null;
        }

        var index = choices is null ? -1 : StoredValue.IndexOf(choices, stored);
        return index < 0 ? null : index;
    }

    /// <summary>The value coordinate <paramref name="u"/> stands for in <paramref name="domain"/> (the range the trial asks with), on its grid.</summary>
    public static double ValueAt(NumericDomain domain, double u) =>
        domain.FromModel(domain.ModelLow + (Math.Clamp(u, 0, 1) * (domain.ModelHigh - domain.ModelLow)));

    private static double Coordinate(NumericDomain d, double value) =>
        d.ModelHigh > d.ModelLow ? Math.Clamp((d.ToModel(value) - d.ModelLow) / (d.ModelHigh - d.ModelLow), 0, 1) : 0.5;
}
