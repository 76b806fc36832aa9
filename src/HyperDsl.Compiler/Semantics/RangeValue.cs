namespace HyperDsl.Compiler.Semantics;

/// <summary>An integer range; <see cref="End"/> is exclusive.</summary>
public sealed record RangeValue(long Start, long End) : Value
{
    /// <inheritdoc />
    public override string Display => $"{Start} ..< {End}";
}
