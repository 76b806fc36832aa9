namespace HyperDsl.Runtime.Search;

/// <summary>A float range.</summary>
public sealed record FloatSpace(string Name, double Low, double High, bool Log, double? Step, string? Condition) : ParameterSpace(Name, Condition);
