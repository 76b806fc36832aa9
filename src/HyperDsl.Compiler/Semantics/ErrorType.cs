namespace HyperDsl.Compiler.Semantics;

/// <summary>A type that could not be worked out; an error has been reported already.</summary>
public sealed record ErrorType : HypType
{
    /// <summary>The one instance.</summary>
    public static readonly ErrorType Instance = new();

    /// <inheritdoc />
    public override string DisplayName => "unknown";
}
