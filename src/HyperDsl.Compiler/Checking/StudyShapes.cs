using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Checking;

/// <summary>
/// Reads a <see cref="StudyShape"/> off a bound experiment, for the sampler <c>auto</c> picks: the
/// checker shows the pick (<see cref="CheckedExperiment.PickedSampler"/>) and the generator constructs it.
/// </summary>
internal static class StudyShapes
{
    public static StudyShape Of(EffectiveExperiment experiment, SemanticModel model, IReadOnlyList<ParameterSymbol> parameters)
    {
        var objectives = experiment.SettingsOf(SectionKind.Tune).OfType<ObjectiveSettingSyntax>().LastOrDefault()?.Objectives.Length ?? 1;
        var trials = (experiment.Setting(SectionKind.Tune, "trials") as ValueSettingSyntax)?.Arguments.FirstOrDefault()?.Value is { } budget
            && ConstantFolder.TryFold(budget, model) is IntValue count ? count.Value : (long?)null;
        var sampled = parameters.Where(p => !p.IsFixed && p.Domain is not null).ToList();
        long? size = sampled.All(p => p.Domain!.IsFinite) ? SpaceEnumerator.Product(sampled.Select(p => p.Domain!.Count)) : null;
        return new StudyShape(
            Math.Max(1, objectives),
            trials,
            size,
            Numeric: sampled.Count(p => !p.IsConditional && p.Domain is IntDomain or FloatDomain),
            Categorical: sampled.Count(p => !p.IsConditional && p.Domain is CategoricalDomain),
            Conditional: sampled.Count(p => p.IsConditional));
    }

    /// <summary>What a picking entry (<c>auto</c>) chooses for this study; null for a sampler of its own.</summary>
    public static SamplerPick? Pick(CatalogEntry sampler, EffectiveExperiment experiment, SemanticModel model, IReadOnlyList<ParameterSymbol> parameters) =>
        sampler.Strategy.Picks is { } picks ? picks(Of(experiment, model, parameters)) : null;
}
