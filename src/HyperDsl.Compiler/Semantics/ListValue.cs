using System.Collections.Immutable;

namespace HyperDsl.Compiler.Semantics;

/// <summary>A list.</summary>
public sealed record ListValue(ImmutableArray<Value> Items) : Value
{
    /// <inheritdoc />
    public override string Display => "[" + string.Join(", ", Items.Select(i => i.Display)) + "]";

    /// <inheritdoc />
    public bool Equals(ListValue? other) => other is not null && Items.SequenceEqual(other.Items);

    /// <inheritdoc />
    public override int GetHashCode() => Items.Aggregate(17, (hash, item) => (hash * 31) + item.GetHashCode());
}
