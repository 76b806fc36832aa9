using HyperDsl.Runtime.Search;

namespace HyperDsl.Emit.Tests;

/// <summary>The generated Sample asks exactly for the active parameters, in order; Satisfies applies the constraints.</summary>
public class SampleTests
{
    private static readonly Lazy<System.Reflection.Assembly> Fashion = new(() => GeneratedAssembly.Load(EmitterTests.Generate("fashion-mnist-cnn.hyp").Sources));

    private static Type Experiment => Fashion.Value.GetType("HyperDsl.Generated.FashionCnnExperiment")!;

    [Theory]
    [InlineData("Adam", false)]
    [InlineData("Sgd", true)]
    public void A_conditional_parameter_is_asked_for_only_where_its_condition_holds(string optimizer, bool asksMomentum)
    {
        var trial = new ScriptedTrial(optimizer);

        var point = Experiment.GetMethod("Sample")!.Invoke(null, [trial])!;

        Assert.Equal(asksMomentum, trial.Asked.Contains("momentum"));
        Assert.Equal(["lr", "batch", "depth", "width", "dropout", "optimizer", .. asksMomentum ? new[] { "momentum" } : [], "rotation", "flip"], trial.Asked);
        Assert.Equal(asksMomentum ? 0.8 : null, (double?)point.GetType().GetProperty("Momentum")!.GetValue(point));
        Assert.Equal(optimizer, point.GetType().GetProperty("Optimizer")!.GetValue(point)!.ToString());
    }

    [Fact]
    public void Satisfies_applies_the_parameter_constraints()
    {
        var satisfies = Experiment.GetMethod("Satisfies")!;

        Assert.True((bool)satisfies.Invoke(null, [Experiment.GetMethod("Sample")!.Invoke(null, [new ScriptedTrial("Adam", width: 64, depth: 2)])])!);
        Assert.False((bool)satisfies.Invoke(null, [Experiment.GetMethod("Sample")!.Invoke(null, [new ScriptedTrial("Adam", width: 64, depth: 3)])])!);
    }

    [Fact]
    public void The_search_space_lists_every_sampled_parameter_with_its_condition()
    {
        var space = (IReadOnlyList<ParameterSpace>)Experiment.GetProperty("SearchSpace")!.GetValue(null)!;

        Assert.Equal(["lr", "batch", "depth", "width", "dropout", "optimizer", "momentum", "rotation", "flip"], space.Select(p => p.Name));
        Assert.Equal(new FloatSpace("lr", 1e-4, 0.1, true, null, null), space[0]);
        Assert.Equal("(== $param:\"optimizer\" $choice:\"sgd\")", space[6].Condition);
    }

    private sealed class ScriptedTrial(string optimizer, long width = 16, long depth = 1) : ITrialSuggestions
    {
        public List<string> Asked { get; } = [];

        public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null)
        {
            Asked.Add(name);
            return low;
        }

        public long SuggestInt(string name, long low, long high, bool log = false, long step = 1)
        {
            Asked.Add(name);
            return name == "depth" ? depth : low;
        }

        public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices)
        {
            Asked.Add(name);
            return name switch
            {
                "optimizer" => choices.Single(c => c!.ToString() == optimizer),
                "width" => choices.Single(c => Convert.ToInt64(c, System.Globalization.CultureInfo.InvariantCulture) == width),
                _ => choices[0],
            };
        }
    }
}
