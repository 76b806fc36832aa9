using HyperDsl.Runtime.Augmentation;
using HyperDsl.Runtime.Data;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Training;

/// <summary>
/// Mean loss and accuracy of a model on a whole split, in evaluation mode and without
/// gradients; each batch goes through the evaluation transforms, then normalisation.
/// </summary>
internal sealed class Evaluator(LossFunction loss, BatchNormalizer normalizer, IBatchTransform? transform, int batchSize, Device device)
{
    public (double Loss, double Accuracy) Evaluate(nn.Module<Tensor, Tensor> model, ImageDataset split)
    {
        model.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var lossSum = zeros(1, ScalarType.Float64, device);
            var correct = zeros(1, ScalarType.Int64, device);

            // Contiguous slices (narrow) are views: evaluation copies nothing but what moves to the device.
            for (long start = 0; start < split.Count; start += batchSize)
            {
                using var batchScope = NewDisposeScope();
                var count = Math.Min(batchSize, split.Count - start);
                var batch = split.Images.narrow(0, start, count).to(device);
                var images = normalizer.Apply(transform?.Apply(batch) ?? batch);
                var labels = split.Labels.narrow(0, start, count).to(device);
                var output = model.call(images);
                lossSum.add_(loss.Compute(output, labels).to_type(ScalarType.Float64).mul(count));
                correct.add_(loss.Predict(output).eq(labels).sum());
            }

            return (lossSum.item<double>() / split.Count, (double)correct.item<long>() / split.Count);
        }
        finally
        {
            model.train();
        }
    }
}
