using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Population;

namespace HyperDsl.Runtime.Tests.Studies.Population;

public sealed class PointPerturbationTests
{
    private static IReadOnlyDictionary<string, ParameterSpace> SpaceOf(TinyExperiment experiment) => experiment.SearchSpace.ToDictionary(p => p.Name);

    [Fact]
    public void A_parameter_whose_condition_becomes_true_is_drawn_within_its_domain_and_one_whose_condition_ends_is_dropped()
    {
        var experiment = new TinyExperiment();
        var perturbation = new PointPerturbation(experiment, SpaceOf(experiment), _ => true, seed: 5, resample: 0);
        var adam = new Dictionary<string, object> { ["lr"] = 0.01, ["width"] = 4L, ["optimizer"] = "adam" };
        var sgd = new Dictionary<string, object> { ["lr"] = 0.01, ["width"] = 8L, ["optimizer"] = "sgd", ["momentum"] = 0.9 };

        var fromAdam = Enumerable.Range(0, 10).Select(i => perturbation.Perturb(adam, trial: i, epoch: 2, new Random(i))).ToList();
        var fromSgd = Enumerable.Range(0, 10).Select(i => perturbation.Perturb(sgd, trial: i, epoch: 2, new Random(i))).ToList();

        // Two choices: the neighbour of adam is sgd, whose momentum is now asked for; the neighbour of sgd is adam, which has none.
        Assert.All(fromAdam, p =>
        {
            Assert.Equal(TinyOptimizer.Sgd, ((TinyPoint)p.Point).Optimizer);
            Assert.InRange(Assert.IsType<double>(p.Recorded.Values["momentum"]), 0.5, 0.99);
        });
        Assert.All(fromSgd, p =>
        {
            Assert.Null(((TinyPoint)p.Point).Momentum);
            Assert.DoesNotContain("momentum", p.Recorded.Values.Keys);
        });
        Assert.All(fromAdam.Concat(fromSgd), p => Assert.InRange(((TinyPoint)p.Point).Lr, 1e-3, 0.5));
    }

    [Fact]
    public void A_perturbed_point_meets_the_constraints_or_is_the_donor_s_own()
    {
        var experiment = new TinyExperiment { Constraint = p => p.Lr <= 0.01 };
        var space = SpaceOf(experiment);
        var donor = new Dictionary<string, object> { ["lr"] = 0.01, ["width"] = 4L, ["optimizer"] = "adam" };
        var perturbation = new PointPerturbation(experiment, space, p => experiment.Satisfies(p), seed: 5, resample: 0);
        var impossible = new PointPerturbation(experiment, space, _ => false, seed: 5, resample: 0);

        var perturbed = Enumerable.Range(0, 20).Select(i => (TinyPoint)perturbation.Perturb(donor, i, 1, new Random(i)).Point).ToList();
        var copied = (TinyPoint)impossible.Perturb(donor, 0, 1, new Random(0)).Point;

        Assert.All(perturbed, p => Assert.Equal(0.008, p.Lr, 12));
        Assert.Equal(new TinyPoint(0.01, 4, TinyOptimizer.Adam, null), copied);
    }
}
