using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Training;
using TorchSharp;

namespace HyperDsl.Runtime.Studies;

/// <summary>
/// One experiment as the study engine drives it: generated for every spec experiment (as
/// <c>{Name}Definition</c>, over the typed <c>{Name}Experiment</c> members), so the engine needs
/// no reflection. Parameter points travel as the generated <c>{Name}Params</c> record, typed as
/// object here.
/// </summary>
public interface IExperimentDefinition
{
    /// <summary>The experiment's name in the spec.</summary>
    string Name { get; }

    /// <summary>The study hash: what a trial means (data, space, model, training, objectives), not comments, layout or budget.</summary>
    string StudyHash { get; }

    /// <summary>The search space, in declaration order.</summary>
    IReadOnlyList<ParameterSpace> SearchSpace { get; }

    /// <summary>The tune section.</summary>
    StudyPlan Plan { get; }

    /// <summary>Asks <paramref name="trial"/> for each active parameter and returns the point.</summary>
    object Sample(ITrialSuggestions trial);

    /// <summary>Whether a point meets the spec's constraints on parameters.</summary>
    bool Satisfies(object point);

    /// <summary>The shape of one input image: channels, height, width (at the first point when the image size is searched; see <see cref="InputShapeAt"/>).</summary>
    IReadOnlyList<long> InputShape { get; }

    /// <summary>The shape of one input image at a point: <see cref="InputShape"/> unless the spec searches the image size.</summary>
    IReadOnlyList<long> InputShapeAt(object point) => InputShape;

    /// <summary>
    /// The size (height, width) every image is resized to for a point, when the data section's
    /// <c>resize</c> depends on the point; null when <see cref="LoadData"/> already gives the size.
    /// The study runner resizes the loaded data once per distinct size and gives each trial its own.
    /// </summary>
    (int Height, int Width)? ImageSizeAt(object point) => null;

    /// <summary>Whether the spec constrains <c>model.params</c> or <c>model.flops</c>, which need the model built to check.</summary>
    bool HasModelConstraints { get; }

    /// <summary>Whether a point's model, with <paramref name="modelParams"/> trainable parameters and <paramref name="modelFlops"/> forward FLOPs per sample, meets the constraints on them.</summary>
    bool SatisfiesModel(object point, long modelParams, long modelFlops);

    /// <summary>How a trial trains at a point.</summary>
    TrainingOptions Training(object point);

    /// <summary>Builds the model at a point.</summary>
    torch.nn.Module<torch.Tensor, torch.Tensor> BuildModel(object point);

    /// <summary>Loads the data; relative paths are taken from <paramref name="baseDirectory"/>.</summary>
    DataSplits LoadData(long seed, string? baseDirectory);
}
