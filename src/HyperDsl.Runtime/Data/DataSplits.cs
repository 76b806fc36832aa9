namespace HyperDsl.Runtime.Data;

/// <summary>The splits one trial trains, validates and tests on. Owns the datasets.</summary>
/// <param name="Train">The training split; augmentation applies here only.</param>
/// <param name="Validation">The validation split, if any: per-epoch validation loss and accuracy.</param>
/// <param name="Test">The test split, if any: accuracy once, after training.</param>
public sealed record DataSplits(ImageDataset Train, ImageDataset? Validation = null, ImageDataset? Test = null) : IDisposable
{
    /// <summary>
    /// Moves a stratified, seeded <paramref name="fraction"/> of the training split into a new
    /// validation split (see <see cref="StratifiedSplit"/>); the old training split is disposed.
    /// </summary>
    public DataSplits WithValidationFraction(double fraction, long seed)
    {
        var (train, validation) = StratifiedSplit.Split(Train, fraction, seed);
        Validation?.Dispose();
        Train.Dispose();
        return this with { Train = train, Validation = validation };
    }

    /// <summary>The validation split from a source of its own, in the training split's classes (<see cref="ImageDataset.InClassesOf"/>); takes ownership of <paramref name="validation"/>.</summary>
    public DataSplits WithValidation(ImageDataset validation)
    {
        var aligned = Aligned(validation, "validation");
        Validation?.Dispose();
        return this with { Validation = aligned };
    }

    /// <summary>The test split from a source of its own, in the training split's classes (<see cref="ImageDataset.InClassesOf"/>); takes ownership of <paramref name="test"/>.</summary>
    public DataSplits WithTest(ImageDataset test)
    {
        var aligned = Aligned(test, "test");
        Test?.Dispose();
        return this with { Test = aligned };
    }

    private ImageDataset Aligned(ImageDataset split, string role)
    {
        ArgumentNullException.ThrowIfNull(split);
        try
        {
            var aligned = split.InClassesOf(Train, role);
            if (!ReferenceEquals(aligned, split))
            {
                split.Dispose();
            }

            return aligned;
        }
        catch
        {
            split.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Every split with its images resized (bilinear) to <paramref name="height"/> x <paramref name="width"/>: the data
    /// section's <c>resize</c>, whatever the source. Splits already that size are kept; the replaced ones are disposed.
    /// </summary>
    public DataSplits Resized(int height, int width)
    {
        ImageDataset? Resize(ImageDataset? split)
        {
            if (split is null || (split.ImageShape[^2] == height && split.ImageShape[^1] == width))
            {
                return split;
            }

            var resized = split.Resize(height, width);
            split.Dispose();
            return resized;
        }

        return new DataSplits(Resize(Train)!, Resize(Validation), Resize(Test));
    }

    /// <summary>A copy of every split with its images resized to <paramref name="height"/> x <paramref name="width"/>; this one is kept (a searched image size: one copy per size).</summary>
    public DataSplits ResizedCopy(int height, int width) =>
        new(Train.Resize(height, width), Validation?.Resize(height, width), Test?.Resize(height, width));

    /// <summary>
    /// One line for the user: how many images each split has, their shape and where they came
    /// from (<c>5400 training, 600 validation, 1000 test images of 1x28x28 from Fashion-MNIST in /data/fm</c>).
    /// </summary>
    public string Describe()
    {
        var splits = new[] { ("training", Train), ("validation", Validation), ("test", Test) }.Where(s => s.Item2 is not null).Select(s => (Name: s.Item1, Data: s.Item2!)).ToList();
        var shapes = splits.Select(s => string.Join("x", s.Data.ImageShape)).Distinct();
        var sources = splits.Where(s => s.Data.Source is not null).GroupBy(s => s.Data.Source!, StringComparer.Ordinal).ToList();
        var from = sources.Select((g, i) => i == 0 ? $" from {g.Key}" : $"; {string.Join(" and ", g.Select(s => s.Name))} images from {g.Key}");
        return $"{string.Join(", ", splits.Select(s => $"{s.Data.Count} {s.Name}"))} images of {string.Join(" and ", shapes)}{string.Concat(from)}";
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Train.Dispose();
        Validation?.Dispose();
        Test?.Dispose();
    }
}
