namespace HyperDsl.Compiler.Semantics;

/// <summary>Text.</summary>
public sealed record StringType : HypType
{
    /// <summary>The one instance.</summary>
    public static readonly StringType Instance = new();

    /// <inheritdoc />
    public override string DisplayName => "string";
}
