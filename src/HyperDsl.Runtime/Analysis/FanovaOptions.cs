namespace HyperDsl.Runtime.Analysis;

/// <summary>The random forest behind <see cref="FanovaImportance"/>; the defaults are Optuna's.</summary>
/// <param name="Trees">How many trees.</param>
/// <param name="MaxDepth">How deep each may grow.</param>
/// <param name="Seed">The same seed gives the same forest and so the same importances.</param>
public sealed record FanovaOptions(int Trees = 64, int MaxDepth = 64, int Seed = 0);
