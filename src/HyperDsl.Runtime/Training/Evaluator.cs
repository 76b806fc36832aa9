using TorchSharp;
using static HyperDsl.Runtime.HeldScalars;
using HyperDsl.Runtime.Augmentation;
using HyperDsl.Runtime.Data;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Training;

/// <summary>
/// Mean loss, accuracy and the requested extra metrics of a model on a whole split, in
/// evaluation mode and without gradients; each batch goes through the evaluation transforms,
/// then normalisation. Counts add up on the device, so a batch costs no synchronisation.
/// </summary>
internal sealed class Evaluator(LossFunction loss, BatchNormalizer normalizer, IBatchTransform? transform, int batchSize, Device device)
{
    public EvaluationResult Evaluate(nn.Module<Tensor, Tensor> model, ImageDataset split, ExtraMetrics extras = ExtraMetrics.None)
    {
        if (split.HasMasks)
        {
            return EvaluateMasks(model, split);
        }

        model.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var lossSum = zeros(1, ScalarType.Float64, device);
            var correct = zeros(1, ScalarType.Int64, device);
            var top5 = zeros(1, ScalarType.Int64, device);

            // AUC ranks every example against every other, so it needs all scores at the end.
            var allScores = new List<Tensor>();

            // Contiguous slices (narrow) are views: evaluation copies nothing but what moves to the device.
            for (long start = 0; start < split.Count; start += batchSize)
            {
                using var batchScope = NewDisposeScope();
                var count = Math.Min(batchSize, split.Count - start);
                var batch = split.Images.narrow(0, start, count).to(device);
                var images = normalizer.Apply(transform?.Apply(batch) ?? batch);
                var labels = split.Labels.narrow(0, start, count).to(device);
                var output = ModelPrecision.Call(model, MemoryLayout.ChannelsLast(images));
                using var examples = count.ToScalar();
                lossSum.add_(loss.Compute(output, labels).to_type(ScalarType.Float64).mul(examples), One);
                correct.add_(loss.Predict(output).eq(labels).sum(), One);
                if (extras != ExtraMetrics.None)
                {
                    var scores = loss.Scores(output);
                    if (extras.HasFlag(ExtraMetrics.Top5))
                    {
                        top5.add_(TopKAccuracy.Correct(scores, labels, 5), One);
                    }

                    if (extras.HasFlag(ExtraMetrics.Auc))
                    {
                        allScores.Add(scores.MoveToOuterDisposeScope());
                    }
                }
            }

            double? auc = extras.HasFlag(ExtraMetrics.Auc) ? RocAuc.Compute(cat(allScores, 0), split.Labels.to(device)) : null;
            return new EvaluationResult(
                lossSum.item<double>() / split.Count,
                (double)correct.item<long>() / split.Count,
                extras.HasFlag(ExtraMetrics.Top5) ? (double)top5.item<long>() / split.Count : null,
                auc);
        }
        finally
        {
            model.train();
        }
    }

    // A segmentation split: the per-pixel loss (the mean over its batches' pixels, each batch weighted
    // by its images) and, from one confusion matrix over every counted pixel, mean IoU and pixel accuracy.
    // The evaluation transforms (resize, center_crop) move each mask with its image.
    private EvaluationResult EvaluateMasks(nn.Module<Tensor, Tensor> model, ImageDataset split)
    {
        model.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var lossSum = zeros(1, ScalarType.Float64, device);
            using var confusion = new ConfusionMatrix(split.ClassCount, split.IgnoreIndex, device);
            for (long start = 0; start < split.Count; start += batchSize)
            {
                using var batchScope = NewDisposeScope();
                var count = Math.Min(batchSize, split.Count - start);
                var images = split.Images.narrow(0, start, count).to(device);
                var masks = split.Labels.narrow(0, start, count).to(device);
                if (transform is not null)
                {
                    (images, masks) = TransformPipeline.ApplyToMasks(transform, images, masks, split.IgnoreIndex);
                }

                images = normalizer.Apply(images);
                var output = ModelPrecision.Call(model, MemoryLayout.ChannelsLast(images));
                using var examples = count.ToScalar();
                lossSum.add_(loss.ComputePerPixel(output, masks, split.IgnoreIndex).to_type(ScalarType.Float64).mul(examples), One);
                confusion.Add(output.argmax(1), masks);
            }

            var counts = confusion.Counts();
            var pixelAccuracy = ConfusionMatrix.PixelAccuracy(counts);
            return new EvaluationResult(lossSum.item<double>() / split.Count, pixelAccuracy ?? double.NaN, null, null, ConfusionMatrix.MeanIoU(counts), pixelAccuracy);
        }
        finally
        {
            model.train();
        }
    }
}
