using System.Diagnostics;
using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Training;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace HyperDsl.Bench.Training;

/// <summary>
/// Side (b): the same model and loop written directly against TorchSharp, step for step like
/// pytorch_cnn.py (data normalised once up front, a permutation per epoch, index_select
/// batches, one dispose scope per step). It never touches HyperDsl.Runtime's set-up, so its
/// malloc behaviour and OpenMP wait are whatever the environment gives it (the driver passes
/// MALLOC_* variables, and OMP_WAIT_POLICY for side torchsharp-passive). Under <c>--profile 1</c> a
/// <see cref="PhaseClock"/> is told where the phases end, at the runtime trainer's boundaries.
/// </summary>
internal static class HandWrittenSide
{
    public static SideResult Run(BenchSettings settings) => Run(settings, null, 0).Result;

    public static (SideResult Result, PhaseProfile? Profile) Run(BenchSettings settings, PhaseClock? clock, int layerSteps)
    {
        torch.set_num_threads(settings.Threads);
        torch.manual_seed(settings.Seed);
        var (trainImages, trainLabels) = Load(settings.DataDirectory, "train");
        var (testImages, testLabels) = Load(settings.DataDirectory, "t10k");

        using var model = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding: 1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding: 1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Dropout(0.25), nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10));
        using var optimizer = optim.Adam(model.parameters(), lr: BenchSettings.LearningRate);
        var count = trainImages.shape[0];
        var steps = (count + settings.BatchSize - 1) / settings.BatchSize;
        var rates = new List<double>();
        model.train();
        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            var clockEpoch = Stopwatch.StartNew();
            using var order = randperm(count);
            for (var step = 0L; step < steps; step++)
            {
                // This loop has no schedule, augmentation or normalisation per batch: their marks time nothing.
                clock?.Begin();
                clock?.Mark(StepPhase.Schedule);
                var scope = NewDisposeScope();
                clock?.Mark(StepPhase.OpenScope);
                var indices = order.narrow(0, step * settings.BatchSize, Math.Min(settings.BatchSize, count - (step * settings.BatchSize)));
                var images = trainImages.index_select(0, indices);
                var labels = trainLabels.index_select(0, indices);
                clock?.Mark(StepPhase.Batch);
                clock?.Mark(StepPhase.Augment);
                clock?.Mark(StepPhase.Normalize);
                optimizer.zero_grad();
                clock?.Mark(StepPhase.ZeroGrad);
                var output = model.call(images);
                clock?.Mark(StepPhase.Forward);
                var loss = F.cross_entropy(output, labels);
                clock?.Mark(StepPhase.Loss);
                loss.backward();
                clock?.Mark(StepPhase.Backward);
                optimizer.step();
                clock?.Mark(StepPhase.OptimizerStep);
                _ = loss.item<float>();
                clock?.Mark(StepPhase.FiniteCheck);
                clock?.Mark(StepPhase.Bookkeeping);
                scope.Dispose();
                clock?.Mark(StepPhase.DisposeScope);
            }

            rates.Add(count / clockEpoch.Elapsed.TotalSeconds);
        }

        clock?.Begin();
        model.eval();
        double accuracy;
        using (no_grad())
        {
            using var predictions = model.call(testImages).argmax(1);
            accuracy = predictions.eq(testLabels).sum().item<long>() / (double)testLabels.shape[0];
        }

        clock?.Mark(StepPhase.Evaluation);
        var result = new SideResult("torchsharp", rates, accuracy);
        if (clock is null)
        {
            return (result, null);
        }

        model.train();
        using var batch = trainImages.narrow(0, 0, settings.BatchSize);
        return (result, clock.Result("torchsharp", LayerTimer.Time(model, batch, layerSteps)));
    }

    private static (Tensor Images, Tensor Labels) Load(string directory, string prefix)
    {
        var images = IdxReader.Read(Path.Combine(directory, $"{prefix}-images-idx3-ubyte.gz"), 3);
        var labels = IdxReader.Read(Path.Combine(directory, $"{prefix}-labels-idx1-ubyte.gz"), 1);
        using var bytes = tensor(images.Values, [images.Count, 1, images.Dimensions[1], images.Dimensions[2]]);
        var x = bytes.to_type(ScalarType.Float32).div_(255).sub_(BenchSettings.Mean).div_(BenchSettings.Std);
        return (x, tensor(labels.Values).to_type(ScalarType.Int64));
    }
}
