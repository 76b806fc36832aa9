using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Pruning;

/// <summary>Never prunes: every trial trains to the end (<c>pruner none</c>).</summary>
public sealed class NopPruner : IPruner
{
    /// <inheritdoc />
    public bool ShouldPrune(TrialRecord trial, IReadOnlyList<TrialRecord> study) => false;
}
