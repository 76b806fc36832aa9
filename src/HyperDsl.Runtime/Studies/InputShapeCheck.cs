using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Training;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Studies;

/// <summary>
/// Compares, once before a study starts, what the model will receive with the input shape the
/// checker proved the model for: one image of each split is passed through the transforms that
/// split gets (the augment section for training, the evaluate section for validation and test).
/// Data that does not fit (images of another size than the spec says, a wrong file) would
/// otherwise fail every trial inside LibTorch.
/// </summary>
internal static class InputShapeCheck
{
    /// <exception cref="DataException">A split's images, as the model would receive them, are not <paramref name="inputShape"/>.</exception>
    public static void Verify(DataSplits data, IReadOnlyList<long> inputShape, TrainingOptions training)
    {
        Verify("training", data.Train, inputShape, "augment", training.Augmentation is { } augmentation ? images => Augment(augmentation, images) : null);
        var evaluate = training.EvaluationTransform is { } transform ? (Func<Tensor, Tensor>)transform.Apply : null;
        if (data.Validation is { } validation)
        {
            Verify("validation", validation, inputShape, "evaluate", evaluate);
        }

        if (data.Test is { } test)
        {
            Verify("test", test, inputShape, "evaluate", evaluate);
        }
    }

    private static void Verify(string split, ImageDataset data, IReadOnlyList<long> inputShape, string section, Func<Tensor, Tensor>? transform)
    {
        var expected = Shape(inputShape);
        var loaded = Shape(data.ImageShape);
        var what = $"The {split} images{(data.Source is { } source ? $" ({source})" : "")} are {loaded}";
        string received;
        using (var scope = NewDisposeScope())
        {
            var one = data.Images.narrow(0, 0, 1);
            try
            {
                received = transform is null ? loaded : Shape(transform(one).shape[1..]);
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                throw new DataException($"{what}, which the {section} section cannot transform ({NativeErrorText.Reduce(error.Message)}); the model was checked for {expected} inputs. Check the data, or the spec's 'input', 'resize' and {section} section.", error);
            }
        }

        if (received != expected)
        {
            var after = received == loaded ? "" : $" ({received} after the {section} section)";
            throw new DataException($"{what}{after}, but the model was checked for {expected} inputs, so every trial would fail. Check that the data is the one meant, or make the spec's 'input' (or 'resize') say the images' size.");
        }
    }

    private static Tensor Augment(Augmentation.IBatchAugmentation augmentation, Tensor images)
    {
        using var generator = new Generator(0, CPU);
        return augmentation.Apply(images, generator);
    }

    private static string Shape(IEnumerable<long> shape) => string.Join("x", shape);
}
