using static HyperDsl.Runtime.HeldScalars;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Data;

/// <summary>
/// Labelled images held as two CPU tensors: <see cref="Images"/> (float32, N x C x H x W,
/// values in [0, 1], not normalised: normalisation is applied per batch after augmentation)
/// and <see cref="Labels"/> (int64, N; or, for segmentation, N x H x W masks with one class per
/// pixel, see <see cref="HasMasks"/>). Owns its tensors; dispose it when done.
/// </summary>
public sealed class ImageDataset : IDisposable
{
    /// <summary>Takes ownership of <paramref name="images"/> and <paramref name="labels"/>.</summary>
    public ImageDataset(Tensor images, Tensor labels, int classCount)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        var masks = labels.dim() == 3 && images.dim() == 4 && labels.shape[1] == images.shape[2] && labels.shape[2] == images.shape[3];
        if (images.dim() != 4 || (labels.dim() != 1 && !masks) || images.shape[0] != labels.shape[0])
        {
            throw new ArgumentException($"Expected images N x C x H x W and N labels (or N x H x W masks); got images [{string.Join(", ", images.shape)}] and labels [{string.Join(", ", labels.shape)}].", nameof(images));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        Images = images.DetachFromDisposeScope();
        Labels = labels.DetachFromDisposeScope();
        ClassCount = classCount;
    }

    /// <summary>N x C x H x W float32 values in [0, 1].</summary>
    public Tensor Images { get; }

    /// <summary>N int64 class indices in [0, <see cref="ClassCount"/>), or N x H x W per-pixel ones (masks), where <see cref="IgnoreIndex"/> marks pixels that count for nothing.</summary>
    public Tensor Labels { get; }

    /// <summary>True when <see cref="Labels"/> are N x H x W masks (a segmentation data set) rather than one label per image.</summary>
    public bool HasMasks => Labels.dim() == 3;

    /// <summary>For masks: the value of pixels no loss or metric counts (255 by convention).</summary>
    public long IgnoreIndex { get; init; } = -100;

    /// <summary>The number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>The classes' names by index, where the source has them (an image folder's sub-folders).</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Where the images came from, for the user (<c>Fashion-MNIST in /data/fm</c>), where the loader says.</summary>
    public string? Source { get; init; }

    /// <summary>The number of images.</summary>
    public int Count => (int)Images.shape[0];

    /// <summary>The shape of one image: channels, height, width.</summary>
    public long[] ImageShape => Images.shape[1..];

    /// <summary>Builds a dataset from IDX arrays of images (N x H x W bytes) and labels (N bytes).</summary>
    /// <param name="images">The images.</param>
    /// <param name="labels">The labels.</param>
    /// <param name="imagesPath">The image file, for messages.</param>
    /// <param name="labelsPath">The label file, for messages.</param>
    /// <param name="classCount">The number of classes; by default the largest label plus one.</param>
    /// <param name="source">The dataset's <see cref="Source"/>; by default the two files.</param>
    public static ImageDataset FromIdx(IdxArray images, IdxArray labels, string imagesPath, string labelsPath, int? classCount = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (images.Dimensions.Count != 3)
        {
            throw new DataFileException(imagesPath, $"The image file '{imagesPath}' has {images.Dimensions.Count} dimensions; expected 3 (count, rows, columns).");
        }

        if (images.Values.LongLength != (Int128)images.Count * images.Dimensions[1] * images.Dimensions[2] || labels.Values.Length != labels.Count)
        {
            throw new ArgumentException("The IDX arrays' values do not match their dimensions.", nameof(images));
        }

        if (images.Count != labels.Count)
        {
            throw new DataFileException(labelsPath, $"The label file '{labelsPath}' holds {labels.Count} labels but the image file '{imagesPath}' holds {images.Count} images; expected one label per image.");
        }

        var maxLabel = labels.Values.Max();
        var classes = classCount ?? (maxLabel + 1);
        if (maxLabel >= classes)
        {
            throw new DataFileException(labelsPath, $"The label file '{labelsPath}' holds the label {maxLabel}; expected labels below {classes}.");
        }

        using var scope = NewDisposeScope();
        var pixels = tensor(images.Values, [images.Count, 1, images.Dimensions[1], images.Dimensions[2]]);
        var x = pixels.to_type(ScalarType.Float32).div_(Integer(255));
        var y = tensor(labels.Values, [labels.Count]).to_type(ScalarType.Int64);
        return new ImageDataset(x, y, classes) { Source = source ?? $"IDX files {imagesPath} and {labelsPath}" };
    }

    /// <summary>A new dataset holding the images at <paramref name="indices"/> (an int64 tensor), in that order.</summary>
    public ImageDataset Select(Tensor indices)
    {
        using var scope = NewDisposeScope();
        return new ImageDataset(Images.index_select(0, indices), Labels.index_select(0, indices), ClassCount) { ClassNames = ClassNames, Source = Source, IgnoreIndex = IgnoreIndex };
    }

    /// <summary>A new dataset with every image resized (bilinear) to <paramref name="height"/> x <paramref name="width"/>, and every mask (nearest: a class is never blended).</summary>
    public ImageDataset Resize(int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        using var scope = NewDisposeScope();
        var resized = Resampling.Resize(Images, height, width);
        var labels = HasMasks ? Resampling.ResizeMasks(Labels, height, width) : Labels.clone();
        return new ImageDataset(resized, labels, ClassCount) { ClassNames = ClassNames, Source = Source, IgnoreIndex = IgnoreIndex };
    }

    /// <summary>
    /// This split (validation or test, from a source of its own) with its labels in the classes of
    /// <paramref name="training"/>: an image folder numbers its classes by their sub-folders' sorted
    /// names, so a validation folder without one of the training classes would number the rest
    /// differently and every metric would compare the wrong classes. Labels are mapped by name where
    /// both have names; otherwise every label must be one of the training classes (masks: the same
    /// class count). Returns this dataset when nothing
    /// changes, else a new one (this one is left to the caller).
    /// </summary>
    /// <param name="training">The training split, whose classes the model predicts.</param>
    /// <param name="role">"validation" or "test", for the message.</param>
    /// <exception cref="DataException">A class the training images do not have.</exception>
    public ImageDataset InClassesOf(ImageDataset training, string role)
    {
        ArgumentNullException.ThrowIfNull(training);
        var from = Source is null ? "" : $" ({Source})";
        if (ClassNames is { } names && training.ClassNames is { } known && !HasMasks)
        {
            var index = known.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => (long)p.i, StringComparer.Ordinal);
            var unknown = names.Where(n => !index.ContainsKey(n)).ToList();
            if (unknown.Count > 0)
            {
                throw new DataException($"The {role} images{from} have the class{(unknown.Count == 1 ? "" : "es")} {string.Join(", ", unknown.Take(5).Select(n => $"'{n}'"))}{(unknown.Count > 5 ? ", ..." : "")}, which the training images do not have ({string.Join(", ", known.Take(5))}{(known.Count > 5 ? ", ..." : "")}). Give the {role} folder the same class sub-folders as the training folder, or fewer.");
            }

            if (names.SequenceEqual(known, StringComparer.Ordinal))
            {
                return this;
            }

            using var scope = NewDisposeScope();
            var map = tensor(names.Select(n => index[n]).ToArray());
            return new ImageDataset(Images.clone(), map.index_select(0, Labels), training.ClassCount) { ClassNames = known, Source = Source, IgnoreIndex = IgnoreIndex };
        }

        if (HasMasks)
        {
            return ClassCount == training.ClassCount ? this
                : throw new DataException($"The {role} masks{from} have {ClassCount} classes, but the training masks have {training.ClassCount}, so their pixel classes would mean other classes. Give both sources the same 'classes'.");
        }

        // Labels without names (IDX files, synthetic data) are class indices: any below the training
        // split's count means the same class; an IDX file's count is its largest label plus one.
        var largest = Count == 0 ? -1 : Labels.max().item<long>();
        if (largest >= training.ClassCount)
        {
            throw new DataException($"The {role} images{from} have the label {largest}, but the training images have {training.ClassCount} classes (labels 0 to {training.ClassCount - 1}). Give both sources the same classes.");
        }

        if (ClassCount == training.ClassCount)
        {
            return this;
        }

        using var rebuilt = NewDisposeScope();
        return new ImageDataset(Images.clone(), Labels.clone(), training.ClassCount) { ClassNames = training.ClassNames, Source = Source, IgnoreIndex = IgnoreIndex };
    }

    /// <summary>How many images each class has, by class index.</summary>
    public long[] ClassCounts()
    {
        if (HasMasks)
        {
            throw new InvalidOperationException("A segmentation data set has a class per pixel, not per image.");
        }

        using var counts = Labels.bincount(null, ClassCount);
        return counts.data<long>().ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
