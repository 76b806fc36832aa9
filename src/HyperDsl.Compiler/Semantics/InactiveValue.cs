namespace HyperDsl.Compiler.Semantics;

/// <summary>The value of a conditional parameter where its condition does not hold.</summary>
public sealed record InactiveValue : Value
{
    /// <summary>The one instance.</summary>
    public static readonly InactiveValue Instance = new();

    /// <inheritdoc />
    public override string Display => "(inactive)";
}
