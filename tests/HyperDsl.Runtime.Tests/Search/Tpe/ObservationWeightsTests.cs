using HyperDsl.Runtime.Search.Tpe;

namespace HyperDsl.Runtime.Tests.Search.Tpe;

public class ObservationWeightsTests
{
    [Fact]
    public void Old_observations_fade_once_there_are_more_than_twenty_five()
    {
        var weights = ObservationWeights.Decay(40);

        Assert.Equal(1.0 / 40, weights[0], 9);
        Assert.All(weights.Skip(15), w => Assert.Equal(1.0, w));
        Assert.True(weights.Zip(weights.Skip(1)).All(p => p.First <= p.Second));
    }

    [Fact]
    public void Uniform_weights_are_all_one()
    {
        Assert.Equal([1.0, 1.0, 1.0], ObservationWeights.Uniform(3));
    }
}
