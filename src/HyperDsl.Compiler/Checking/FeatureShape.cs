namespace HyperDsl.Compiler.Checking;

/// <summary>A vector of features, after flatten or global pooling.</summary>
public sealed record FeatureShape(long Features) : TensorShape
{
    /// <inheritdoc />
    public override string Display => Features.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
