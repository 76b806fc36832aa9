namespace HyperDsl.Compiler.Checking;

/// <summary>The shape of one sample flowing through the model (the batch dimension left out).</summary>
public abstract record TensorShape
{
    /// <summary>How the shape is shown: <c>32x14x14</c> or <c>128</c>.</summary>
    public abstract string Display { get; }

    /// <inheritdoc />
    public sealed override string ToString() => Display;
}

/// <summary>A feature map: channels x height x width.</summary>
public sealed record MapShape(long Channels, long Height, long Width) : TensorShape
{
    /// <inheritdoc />
    public override string Display => $"{Channels}x{Height}x{Width}";

    /// <summary>Height x width, as messages say it.</summary>
    public string Spatial => $"{Height}x{Width}";
}

/// <summary>A vector of features, after flatten or global pooling.</summary>
public sealed record FeatureShape(long Features) : TensorShape
{
    /// <inheritdoc />
    public override string Display => Features.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
