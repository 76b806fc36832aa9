namespace HyperDsl.Runtime.Search;

/// <summary>An int range, both ends included.</summary>
public sealed record IntSpace(string Name, long Low, long High, bool Log, long Step, string? Condition) : ParameterSpace(Name, Condition);
