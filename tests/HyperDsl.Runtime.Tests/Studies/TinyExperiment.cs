using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Models;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Training;
using TorchSharp;

namespace HyperDsl.Runtime.Tests.Studies;

/// <summary>The choices of the tiny experiment's optimizer, as a generated enum would be.</summary>
internal enum TinyOptimizer
{
    Adam,
    Sgd,
}

/// <summary>A point of the tiny experiment, as a generated params record would be.</summary>
internal sealed record TinyPoint(double Lr, int Width, TinyOptimizer Optimizer, double? Momentum);

/// <summary>
/// A hand-written stand-in for a generated experiment: a tiny CNN on tiny synthetic images, so a
/// study of several trials runs in seconds. Failures, constraints and the space are settable.
/// </summary>
internal sealed class TinyExperiment : IExperimentDefinition
{
    public string Name { get; init; } = "tiny";

    public string StudyHash { get; init; } = "hash-1";

    public StudyPlan Plan { get; init; } = new() { Objectives = [new Objective("val_accuracy", StudyDirection.Maximize, MetricSource.ValAccuracy)], Sampler = new SamplerChoice.Random(), Trials = 4, Epochs = 2, Seed = 7 };

    public IReadOnlyList<long> Widths { get; init; } = [4L, 8L];

    public double MaxLr { get; init; } = 0.5;

    public Func<TinyPoint, bool>? Fails { get; init; }

    /// <summary>A trial's epochs, as a searched <c>epochs</c> would give them; the plan's by default.</summary>
    public Func<TinyPoint, int>? TrainingEpochs { get; init; }

    public Func<TinyPoint, bool>? Constraint { get; init; }

    /// <summary>Where this holds, the model is built for 5x5 images, so its forward pass on 6x6 ones fails inside LibTorch.</summary>
    public Func<TinyPoint, bool>? FailsNatively { get; init; }

    public IReadOnlyList<ParameterSpace> SearchSpace =>
    [
        new FloatSpace("lr", 1e-3, MaxLr, true, null, null),
        new CategoricalSpace("width", [.. Widths.Cast<object>()], null),
        new CategoricalSpace("optimizer", ["adam", "sgd"], null),
        new FloatSpace("momentum", 0.5, 0.99, false, null, "optimizer == sgd"),
    ];

    public object Sample(ITrialSuggestions trial)
    {
        var lr = trial.SuggestFloat("lr", 1e-3, MaxLr, log: true);
        var width = (int)trial.SuggestCategorical("width", Widths);
        var optimizer = trial.SuggestCategorical("optimizer", [TinyOptimizer.Adam, TinyOptimizer.Sgd]);
        double? momentum = optimizer == TinyOptimizer.Sgd ? trial.SuggestFloat("momentum", 0.5, 0.99) : null;
        return new TinyPoint(lr, width, optimizer, momentum);
    }

    public bool Satisfies(object point) => Constraint?.Invoke((TinyPoint)point) ?? true;

    public Func<long, long, bool>? ModelConstraint { get; init; }

    public IReadOnlyList<long> InputShape => [1, 6, 6];

    public bool HasModelConstraints => ModelConstraint is not null;

    public bool SatisfiesModel(object point, long modelParams, long modelFlops) => ModelConstraint?.Invoke(modelParams, modelFlops) ?? true;

    public TrainingOptions Training(object point)
    {
        var p = (TinyPoint)point;
        return new TrainingOptions
        {
            Epochs = TrainingEpochs?.Invoke(p) ?? Plan.Epochs,
            BatchSize = 16,
            Optimizer = p.Optimizer == TinyOptimizer.Sgd ? OptimizerSpec.Sgd(p.Lr, momentum: p.Momentum ?? 0) : OptimizerSpec.Adam(p.Lr),
        };
    }

    public torch.nn.Module<torch.Tensor, torch.Tensor> BuildModel(object point)
    {
        var p = (TinyPoint)point;
        if (Fails?.Invoke(p) == true)
        {
            throw new InvalidOperationException($"this trial was made to fail (lr {p.Lr})");
        }

        var side = FailsNatively?.Invoke(p) == true ? 5 : 6;
        return new ModelBuilder(1, side, side).Conv(p.Width, kernel: 3).Relu().Flatten().Linear(2).Build();
    }

    public DataSplits LoadData(long seed, string? baseDirectory) => Data();

    /// <summary>The tiny data; the model has 2 outputs, so another class count is data the model does not fit.</summary>
    public static DataSplits Data(int classes = 2) => new DataSplits(SyntheticData.Create(96, [1, 6, 6], classes, seed: 3)).WithValidationFraction(0.25, 1);
}
