using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Models;
using HyperDsl.Runtime.Training;
using Xunit.Abstractions;

namespace HyperDsl.Runtime.Tests.Training;

public sealed class TrainerAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void A_small_CNN_reaches_80_percent_test_accuracy_on_small_Fashion_MNIST_within_two_epochs()
    {
        using var data = TestData.LoadFashionMnistSmall();
        var trainer = new Trainer(new TrainingOptions
        {
            Epochs = 2,
            BatchSize = 64,
            Optimizer = OptimizerSpec.Adam(lr: 2e-3),
            Normalization = Normalization.Auto,
            Seed = 1,
        });

        var result = trainer.Fit(
            () => new ModelBuilder(1, 28, 28)
                .Conv(16, kernel: 3, padding: ConvPadding.Same).BatchNorm().Relu().MaxPool(2)
                .Conv(32, kernel: 3, padding: ConvPadding.Same).BatchNorm().Relu().MaxPool(2)
                .Flatten().Linear(10)
                .Build(),
            data);

        foreach (var epoch in result.Epochs)
        {
            output.WriteLine(epoch.ToString());
        }

        output.WriteLine($"test accuracy {result.TestAccuracy}");
        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.Equal(2, result.Epochs.Count);
        Assert.True(result.TestAccuracy >= 0.80, $"Test accuracy {result.TestAccuracy:P1} is below 80%.");
    }
}
