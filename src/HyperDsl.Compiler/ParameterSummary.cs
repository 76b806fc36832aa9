namespace HyperDsl.Compiler;

/// <summary>One parameter as the summary shows it.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Type">Its type, such as <c>float</c> or <c>optimizer (adam | sgd)</c>.</param>
/// <param name="Domain">Where its values come from.</param>
/// <param name="Condition">Its <c>when</c> condition, if any.</param>
public sealed record ParameterSummary(string Name, string Type, string Domain, string? Condition);
