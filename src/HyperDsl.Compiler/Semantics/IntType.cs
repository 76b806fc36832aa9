namespace HyperDsl.Compiler.Semantics;

/// <summary>Whole numbers.</summary>
public sealed record IntType : HypType
{
    /// <summary>The one instance.</summary>
    public static readonly IntType Instance = new();

    /// <inheritdoc />
    public override string DisplayName => "int";
}
