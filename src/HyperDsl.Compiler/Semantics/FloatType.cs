namespace HyperDsl.Compiler.Semantics;

/// <summary>Real numbers; an int widens to a float, nothing else converts.</summary>
public sealed record FloatType : HypType
{
    /// <summary>The one instance.</summary>
    public static readonly FloatType Instance = new();

    /// <inheritdoc />
    public override string DisplayName => "float";
}
