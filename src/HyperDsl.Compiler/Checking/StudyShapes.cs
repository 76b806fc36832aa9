using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Checking;

/// <summary>
/// Reads a <see cref="StudyShape"/> off a bound experiment: the checker shows the sampler
/// <c>auto</c> picks from it, and the generator constructs the same pick from the same reading.
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

    /// <summary>The sampler <paramref name="sampler"/> stands for: itself, or the one a picking entry chooses for this study.</summary>
    public static (CatalogEntry Entry, SamplerPick? Pick) Resolve(CatalogEntry sampler, EffectiveExperiment experiment, SemanticModel model, IReadOnlyList<ParameterSymbol> parameters)
    {
        if (sampler.Strategy.Picks is not { } picks)
        {
            return (sampler, null);
        }

        var pick = picks(Of(experiment, model, parameters));
        return (BuiltinCatalog.Find(pick.Sampler) ?? throw new InvalidOperationException($"'{sampler.Name}' picked '{pick.Sampler}', which the catalogue does not have."), pick);
    }
}
