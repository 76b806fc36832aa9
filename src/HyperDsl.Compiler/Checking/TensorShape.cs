namespace HyperDsl.Compiler.Checking;

/// <summary>The shape of one sample flowing through the model (the batch dimension left out).</summary>
public abstract record TensorShape
{
    /// <summary>How the shape is shown: <c>32x14x14</c> or <c>128</c>.</summary>
    public abstract string Display { get; }

    /// <inheritdoc />
    public sealed override string ToString() => Display;
}
