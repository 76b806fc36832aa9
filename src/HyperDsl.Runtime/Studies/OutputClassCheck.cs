using HyperDsl.Runtime.Data;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Studies;

/// <summary>
/// Compares, once before a study starts, the model's outputs with the classes the data has. The
/// checker proves one output per class when the spec says how many classes there are; an
/// <c>image_folder</c> without <c>classes:</c> has as many as it has sub-folders, known only
/// here, so a model that does not fit would otherwise fail every trial inside the loss.
/// </summary>
internal static class OutputClassCheck
{
    /// <exception cref="DataException">The model at <paramref name="point"/> does not end with one output per class of the training data.</exception>
    public static void Verify(DataSplits data, IExperimentDefinition experiment, object point)
    {
        long[] shape;
        try
        {
            using var scope = NewDisposeScope();
            using var model = experiment.BuildModel(point);
            using var noGrad = no_grad();
            model.eval();
            // Two images: LibTorch convolves a single small image without gradients on a path that
            // logs "Could not initialize NNPACK!" on machines without it (see ModelFlops).
            shape = model.call(zeros([2, .. experiment.InputShapeAt(point)])).shape;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // A point whose model fails to build or run is that trial's failure, reported with the trial.
            return;
        }

        if (shape is not [2, var outputs])
        {
            // Not a classifier's logits: the checker has said what it could about this model.
            return;
        }

        var classes = data.Train.ClassCount;
        if (outputs != classes)
        {
            var names = data.Train.ClassNames is { Count: > 0 } known ? $" ({string.Join(", ", known.Take(5))}{(known.Count > 5 ? ", ..." : "")})" : "";
            throw new DataException(
                $"The training data{(data.Train.Source is { } source ? $" ({source})" : "")} has {classes} classes{names}, but the model ends with {outputs} outputs, so every trial would fail. "
                + $"Make the model's last layer 'linear({classes})' (or 'replace fc with linear({classes})'), and say 'classes: {classes}' in the source so that 'hyp check' proves it.");
        }
    }
}
