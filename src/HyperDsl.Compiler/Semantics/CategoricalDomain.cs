using System.Collections.Immutable;

namespace HyperDsl.Compiler.Semantics;

/// <summary>One of listed values.</summary>
public sealed record CategoricalDomain(ImmutableArray<Value> Choices) : ParameterDomain
{
    /// <inheritdoc />
    public override bool IsFinite => true;

    /// <inheritdoc />
    public override long Count => Choices.Length;

    /// <inheritdoc />
    public override IEnumerable<Value> Values => Choices;

    /// <inheritdoc />
    public override IEnumerable<Value> Representatives => Choices;

    /// <inheritdoc />
    public override string Describe() => $"choice {{{string.Join(", ", Choices.Select(c => c.Display))}}}";

    /// <inheritdoc />
    public bool Equals(CategoricalDomain? other) => other is not null && Choices.SequenceEqual(other.Choices);

    /// <inheritdoc />
    public override int GetHashCode() => Choices.Length;
}
