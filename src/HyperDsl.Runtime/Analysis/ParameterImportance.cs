namespace HyperDsl.Runtime.Analysis;

/// <summary>One parameter's importance.</summary>
/// <param name="Name">The parameter.</param>
/// <param name="VarianceFraction">The fraction of the objective's variance (as the forest models it) that the parameter alone explains, averaged over the trees.</param>
/// <param name="Share">Its part of all the parameters' importance (they sum to 1), what Optuna's <c>get_param_importances</c> reports.</param>
public sealed record ParameterImportance(string Name, double VarianceFraction, double Share);
