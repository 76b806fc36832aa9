namespace HyperDsl.Compiler.Catalog;

/// <summary>
/// A learning task a spec may declare with the data section's <c>task</c> setting, and whether
/// this version trains it. The checker refuses a declared task it does not train at the setting
/// (HYP5022), with <see cref="NotYet"/> as the reason, instead of training it as classification.
/// </summary>
/// <param name="Name">The keyword: <c>classification</c>, <c>segmentation</c>, <c>detection</c>.</param>
/// <param name="NotYet">Why it is not trained yet; null for a task this version trains.</param>
public sealed record TaskEntry(string Name, string? NotYet = null);
