namespace HyperDsl.Compiler.Semantics;

/// <summary>true and false.</summary>
public sealed record BoolType : HypType
{
    /// <summary>The one instance.</summary>
    public static readonly BoolType Instance = new();

    /// <inheritdoc />
    public override string DisplayName => "bool";
}
