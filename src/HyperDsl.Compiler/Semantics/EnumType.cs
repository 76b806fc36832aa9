using System.Collections.Immutable;

namespace HyperDsl.Compiler.Semantics;

/// <summary>The type of a categorical parameter whose choices are bare names: <c>choice(adam, sgd)</c>.</summary>
/// <param name="Name">The parameter the enum belongs to.</param>
/// <param name="Members">The choices in source order.</param>
public sealed record EnumType(string Name, ImmutableArray<string> Members) : HypType
{
    /// <inheritdoc />
    public override string DisplayName => $"{Name} ({string.Join(" | ", Members)})";

    /// <inheritdoc />
    public bool Equals(EnumType? other) => other is not null && other.Name == Name && other.Members.SequenceEqual(Members);

    /// <inheritdoc />
    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);
}
