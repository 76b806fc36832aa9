using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Lowering;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Checking;

/// <summary>
/// Population-based training (a sampler whose <see cref="StrategyMeaning.ChangesParametersMidTrial"/>) perturbs every sampled
/// parameter between two epochs of a trial, after the trial took over another member's weights and training state. A parameter
/// that fixes something such a hand-over must keep is refused (HYP4112), naming what depends on it: the model's shapes and its
/// input (read off the shape check, the parameters shapes depend on), the batch size and the epochs (the steps of the run a
/// checkpoint belongs to), the validation split (the training images), and the optimizer itself (its state fits only its kind).
/// </summary>
internal sealed class PopulationChecker(EffectiveExperiment experiment, SemanticModel model, IReadOnlyList<ParameterSymbol> parameters, IReadOnlyList<ParameterSymbol> shapeParameters, LoweredExperiment lowered, SpaceEnumerator space, List<Diagnostic> diagnostics)
{
    public void Check()
    {
        if ((experiment.Setting(SectionKind.Tune, "sampler") as ValueSettingSyntax)?.Arguments.FirstOrDefault()?.Value is not { } sampler
            || model.GetResolution(sampler) is not CatalogEntry { Strategy.ChangesParametersMidTrial: true } entry)
        {
            return;
        }

        var reasons = new Dictionary<ParameterSymbol, string>();
        void Because(IEnumerable<ParameterSymbol> fixedOnes, string reason)
        {
            foreach (var parameter in fixedOnes)
            {
                reasons.TryAdd(parameter, reason);
            }
        }

        Because(shapeParameters, "the model's shapes or its input depend on it, and a member's weights must fit the model of every member that takes them over");
        Because(Dependencies(lowered.Train, "batch"), "the batch size depends on it, and a training state belongs to a run of one batch size (its steps per epoch)");
        Because(Dependencies(lowered.Train, "epochs"), "the number of epochs depends on it, and every member trains the same epochs in step");
        Because(Dependencies(lowered.Data, "validation"), "the validation split depends on it, so members would train on different images");
        Because(parameters.Where(p => p.Type is ObjectType { Kind: EntryKind.Optimizer }), "it chooses the optimizer, and one optimizer's state (its moments) cannot pass to another kind");
        foreach (var (parameter, reason) in reasons.Where(r => !r.Key.IsFixed).OrderBy(r => r.Key.Index))
        {
            diagnostics.Add(PopulationParameterFixed(parameter.Syntax.Name.Span, parameter.Name, entry.Name, reason));
        }
    }

    private IReadOnlyList<ParameterSymbol> Dependencies(IEnumerable<LoweredSetting> settings, string name) =>
        space.Dependencies(settings.Where(s => s.Name == name).SelectMany(s => s.Arguments).Select(a => a.Value));
}
