namespace HyperDsl.Runtime.Search;

/// <summary>One parameter of a search space, as data for samplers and stores.</summary>
/// <param name="Name">The parameter's name in the spec.</param>
/// <param name="Condition">
/// The identity of the spec's <c>when</c> condition (its canonical text, as long as it is), or null:
/// parameters with equal conditions exist in the same trials, so samplers may model them together.
/// </param>
public abstract record ParameterSpace(string Name, string? Condition);
