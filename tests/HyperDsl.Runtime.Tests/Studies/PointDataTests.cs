using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Studies;

namespace HyperDsl.Runtime.Tests.Studies;

/// <summary>Each trial gets the data at its point's image size: one resized copy per size, the loaded data where the size is not searched.</summary>
public class PointDataTests
{
    [Fact]
    public void A_searched_size_gets_one_resized_copy_per_size_and_an_unsearched_one_the_loaded_data()
    {
        using var loaded = new DataSplits(SyntheticData.Create(8, [1, 6, 6], 2, seed: 3));
        using var data = new PointData(new SizedExperiment(), loaded);

        var small = data.For(new TinyPoint(0.1, 4, TinyOptimizer.Adam, null));
        var large = data.For(new TinyPoint(0.1, 8, TinyOptimizer.Adam, null));

        Assert.Equal([1L, 4, 4], small.Train.ImageShape);
        Assert.Equal([1L, 8, 8], large.Train.ImageShape);
        Assert.Same(small, data.For(new TinyPoint(0.2, 4, TinyOptimizer.Sgd, 0.9)));
        Assert.Same(loaded, new PointData(new TinyExperiment(), loaded).For(new TinyPoint(0.1, 4, TinyOptimizer.Adam, null)));
        Assert.Equal([1L, 6, 6], loaded.Train.ImageShape);
    }

    // The tiny experiment with its width as the image size, as a generated definition with 'resize width' would say.
    private sealed class SizedExperiment : IExperimentDefinition
    {
        private readonly TinyExperiment _inner = new();

        public string Name => _inner.Name;

        public string StudyHash => _inner.StudyHash;

        public IReadOnlyList<Runtime.Search.ParameterSpace> SearchSpace => _inner.SearchSpace;

        public StudyPlan Plan => _inner.Plan;

        public IReadOnlyList<long> InputShape => _inner.InputShape;

        public bool HasModelConstraints => false;

        public object Sample(Runtime.Search.ITrialSuggestions trial) => _inner.Sample(trial);

        public bool Satisfies(object point) => true;

        public bool SatisfiesModel(object point, long modelParams, long modelFlops) => true;

        public Runtime.Training.TrainingOptions Training(object point) => _inner.Training(point);

        public TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> BuildModel(object point) => _inner.BuildModel(point);

        public DataSplits LoadData(long seed, string? baseDirectory) => _inner.LoadData(seed, baseDirectory);

        public (int Height, int Width)? ImageSizeAt(object point) => (((TinyPoint)point).Width, ((TinyPoint)point).Width);
    }
}
