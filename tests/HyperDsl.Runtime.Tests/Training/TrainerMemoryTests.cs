using HyperDsl.Runtime.Augmentation;
using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Models;
using HyperDsl.Runtime.Training;
using TorchSharp;
using Xunit.Abstractions;

namespace HyperDsl.Runtime.Tests.Training;

public sealed class TrainerMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void Memory_after_twenty_short_trials_is_within_a_few_percent_of_memory_after_two()
    {
        using var data = new DataSplits(SyntheticData.Create(512, [1, 16, 16], classes: 4, seed: 1)).WithValidationFraction(0.25, 1);
        var options = new TrainingOptions
        {
            Epochs = 1,
            BatchSize = 32,
            Normalization = Normalization.Auto,
            Augmentation = Augment.Pipeline(Augment.HorizontalFlip(), Augment.Rotation(10)),
        };

        void Trial(int seed) => new Trainer(options with { Seed = seed }).Fit(
            () => new ModelBuilder(1, 16, 16).Conv(16, 3, padding: ConvPadding.Same).BatchNorm().Relu().MaxPool(2).Flatten().Linear(4).Build(),
            data);

        (long Bytes, long Resident, long Tensors) Measure()
        {
            var (inUse, resident) = ProcessMemory.Measure();
            return (inUse, resident, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        }

        // Each reading is the median of three (after trials 2-4 and 18-20), so that one odd reading
        // cannot decide. (The test project turns tiered JIT off: see its project file.)
        var readings = new List<(long Bytes, long Resident, long Tensors)>();
        for (var seed = 0; seed < 20; seed++)
        {
            Trial(seed);
            if (seed is >= 1 and <= 3 or >= 17)
            {
                readings.Add(Measure());
            }
        }

        var afterTwo = readings.Take(3).OrderBy(r => r.Bytes).ElementAt(1);
        var afterTwenty = readings.Skip(3).OrderBy(r => r.Bytes).ElementAt(1);
        output.WriteLine($"after 2 trials: {afterTwo.Bytes / 1e6:F1} MB in use ({afterTwo.Resident / 1e6:F1} MB resident), {afterTwo.Tensors} live tensors");
        output.WriteLine($"after 20 trials: {afterTwenty.Bytes / 1e6:F1} MB in use ({afterTwenty.Resident / 1e6:F1} MB resident), {afterTwenty.Tensors} live tensors");

        Assert.Equal(afterTwo.Tensors, afterTwenty.Tensors);
        Assert.True(afterTwenty.Bytes <= afterTwo.Bytes * 1.05, $"Memory in use grew from {afterTwo.Bytes / 1e6:F1} MB to {afterTwenty.Bytes / 1e6:F1} MB.");
    }
}
