namespace HyperDsl.Runtime.Search;

/// <summary>One parameter of a search space, as data for samplers and stores.</summary>
/// <param name="Name">The parameter's name in the spec.</param>
/// <param name="Condition">The spec's <c>when</c> condition as written, or null.</param>
public abstract record ParameterSpace(string Name, string? Condition);
