namespace HyperDsl.Compiler.Checking;

/// <summary>A feature map: channels x height x width.</summary>
public sealed record MapShape(long Channels, long Height, long Width) : TensorShape
{
    /// <inheritdoc />
    public override string Display => $"{Channels}x{Height}x{Width}";

    /// <summary>Height x width, as messages say it.</summary>
    public string Spatial => $"{Height}x{Width}";
}
