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

    /// <inheritdoc />
    public void Dispose()
    {
        Train.Dispose();
        Validation?.Dispose();
        Test?.Dispose();
    }
}
