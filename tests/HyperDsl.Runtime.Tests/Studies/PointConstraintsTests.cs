using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;

namespace HyperDsl.Runtime.Tests.Studies;

/// <summary>The constraints on parameters at a sampler's candidate values: decided from them, a missing parameter tried at its ends and middle.</summary>
public class PointConstraintsTests
{
    private static readonly TinyExperiment Experiment = new() { Constraint = p => p.Lr < 0.1, ModelConstraint = (_, _) => false };

    private static readonly Dictionary<string, ParameterSpace> Space = Experiment.SearchSpace.ToDictionary(p => p.Name);

    [Fact]
    public void Values_that_give_every_asked_parameter_are_decided_by_the_constraints_on_parameters_alone()
    {
        // The model constraint refuses everything, but it needs the model built: a candidate is not held to it.
        Assert.True(PointConstraints.SatisfiesParameters(Experiment, Space, new Dictionary<string, object> { ["lr"] = 0.01, ["width"] = 4L, ["optimizer"] = "adam" }));
        Assert.False(PointConstraints.SatisfiesParameters(Experiment, Space, new Dictionary<string, object> { ["lr"] = 0.2, ["width"] = 4L, ["optimizer"] = "adam" }));
    }

    [Fact]
    public void Values_that_lack_a_parameter_the_point_asks_pass_when_a_completion_of_it_meets_the_constraints()
    {
        // sgd opens momentum, which the values do not give: tried at its ends and middle.
        var onMomentum = new TinyExperiment { Constraint = p => p.Momentum is not { } m || m > 0.9 };
        var onLr = new TinyExperiment { Constraint = p => p.Lr < 0.1 };

        Assert.True(PointConstraints.SatisfiesParameters(onMomentum, Space, new Dictionary<string, object> { ["lr"] = 0.2, ["width"] = 4L, ["optimizer"] = "sgd" }));
        Assert.False(PointConstraints.SatisfiesParameters(onLr, Space, new Dictionary<string, object> { ["lr"] = 0.2, ["width"] = 4L, ["optimizer"] = "sgd" }));
    }

    [Fact]
    public void Values_outside_the_space_are_undecided()
    {
        Assert.Null(PointConstraints.SatisfiesParameters(Experiment, Space, new Dictionary<string, object> { ["lr"] = 7.0, ["width"] = 4L, ["optimizer"] = "adam" }));
    }
}
