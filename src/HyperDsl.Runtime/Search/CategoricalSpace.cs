namespace HyperDsl.Runtime.Search;

/// <summary>A choice among values (numbers, booleans, strings or the names of an enum's members).</summary>
public sealed record CategoricalSpace(string Name, IReadOnlyList<object> Choices, string? Condition) : ParameterSpace(Name, Condition);
