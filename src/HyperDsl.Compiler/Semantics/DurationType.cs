namespace HyperDsl.Compiler.Semantics;

/// <summary>Wall-clock time, such as <c>2h</c>.</summary>
public sealed record DurationType : HypType
{
    /// <summary>The one instance.</summary>
    public static readonly DurationType Instance = new();

    /// <inheritdoc />
    public override string DisplayName => "duration";
}
