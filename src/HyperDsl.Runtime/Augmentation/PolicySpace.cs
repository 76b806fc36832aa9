using static HyperDsl.Runtime.HeldScalars;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// The operations a policy draws from, each with its magnitudes per bin and whether a random
/// sign applies (torchvision's <c>_augmentation_space</c>), as tensors so that a whole batch's
/// draws are looked up at once.
/// </summary>
internal sealed class PolicySpace
{
    private readonly PolicyOperation[] _operations;
    private readonly float[,] _magnitudes;
    private readonly bool[] _signed;

    private PolicySpace(IReadOnlyList<(PolicyOperation Operation, double[] Magnitudes, bool Signed)> entries, int bins)
    {
        _operations = [.. entries.Select(e => e.Operation)];
        _signed = [.. entries.Select(e => e.Signed)];
        _magnitudes = new float[entries.Count, bins];
        for (var i = 0; i < entries.Count; i++)
        {
            for (var b = 0; b < bins; b++)
            {
                // An operation without a magnitude (equalize) has 0 in every bin.
                _magnitudes[i, b] = entries[i].Magnitudes.Length == 0 ? 0f : (float)entries[i].Magnitudes[b];
            }
        }

        Bins = bins;
    }

    /// <summary>The number of operations.</summary>
    public int Count => _operations.Length;

    /// <summary>The number of magnitude bins.</summary>
    public int Bins { get; }

    /// <summary>The operation at <paramref name="index"/>.</summary>
    public PolicyOperation this[int index] => _operations[index];

    /// <summary>The index of <paramref name="operation"/> in this space.</summary>
    public int IndexOf(PolicyOperation operation) => Array.IndexOf(_operations, operation);

    /// <summary>The magnitude of operation <paramref name="index"/> in bin <paramref name="bin"/>, unsigned.</summary>
    public float Magnitude(int index, int bin) => _magnitudes[index, bin];

    /// <summary>Whether operation <paramref name="index"/> takes a random sign.</summary>
    public bool Signed(int index) => _signed[index];

    /// <summary>
    /// RandAugment's and AutoAugment's space (bins 31 and 10): shear 0.3, translation 150/331 of
    /// the side, rotation 30 degrees, colour factors 0.9, posterize 8 to 4 bits, solarize from 255
    /// down to 0; AutoAugment's has invert and no identity.
    /// </summary>
    public static PolicySpace Standard(int bins, long height, long width, bool autoAugment)
    {
        var entries = new List<(PolicyOperation, double[], bool)>();
        if (!autoAugment)
        {
            entries.Add((PolicyOperation.Identity, [], false));
        }

        entries.AddRange(Geometry(bins, 0.3, 150.0 / 331 * width, 150.0 / 331 * height, 30));
        entries.AddRange(Colour(bins, 0.0, 0.9));
        entries.AddRange(Levels(bins, 8, 4));
        if (autoAugment)
        {
            entries.Add((PolicyOperation.Invert, [], false));
        }

        return new PolicySpace(entries, bins);
    }

    /// <summary>TrivialAugmentWide's wide space (31 bins): shear 0.99, translation 32 pixels, rotation 135 degrees, colour factors 0.99, posterize 8 to 2 bits.</summary>
    public static PolicySpace Wide(int bins)
    {
        var entries = new List<(PolicyOperation, double[], bool)> { (PolicyOperation.Identity, [], false) };
        entries.AddRange(Geometry(bins, 0.99, 32, 32, 135));
        entries.AddRange(Colour(bins, 0.0, 0.99));
        entries.AddRange(Levels(bins, 8, 6));
        return new PolicySpace(entries, bins);
    }

    /// <summary>
    /// AugMix's space (10 bins, torchvision's _PARAMETER_MAX, of which the first severity are drawn): shear 0.3,
    /// translation a third of the side, rotation 30 degrees, posterize 4 to 0 bits, and the colour operations (all_ops).
    /// </summary>
    public static PolicySpace AugMix(long height, long width)
    {
        const int bins = 10;
        var entries = new List<(PolicyOperation, double[], bool)>();
        entries.AddRange(Geometry(bins, 0.3, width / 3.0, height / 3.0, 30));
        entries.AddRange(Levels(bins, 4, 4));
        entries.AddRange(Colour(bins, 0.0, 0.9));
        return new PolicySpace(entries, bins);
    }

    /// <summary>
    /// Per image: the operation and its signed magnitude for the space's operation indices
    /// <paramref name="indices"/> and bins <paramref name="bins"/> (int64, on the CPU), with a random sign
    /// drawn from <paramref name="generator"/> for every image; both results on <paramref name="device"/>.
    /// </summary>
    public (Tensor Operations, Tensor Magnitudes) Look(Tensor indices, Tensor bins, Generator generator, Device device)
    {
        using var scope = NewDisposeScope();
        var count = indices.shape[0];
        var operations = tensor(_operations.Select(o => (long)o).ToArray()).index_select(0, indices);
        var table = tensor(_magnitudes);
        var magnitudes = table.index_select(0, indices).gather(1, bins.unsqueeze(1)).squeeze(1);
        var signed = tensor(_signed).index_select(0, indices);
        var negative = rand([count], ScalarType.Float32, generator: generator).lt(Real(0.5)).logical_and_(signed);
        magnitudes = where(negative, magnitudes.neg(), magnitudes);
        return (operations.to(device).MoveToOuterDisposeScope(), magnitudes.to(device).MoveToOuterDisposeScope());
    }

    private static IEnumerable<(PolicyOperation, double[], bool)> Geometry(int bins, double shear, double translateX, double translateY, double degrees) =>
    [
        (PolicyOperation.ShearX, Linear(0, shear, bins), true),
        (PolicyOperation.ShearY, Linear(0, shear, bins), true),
        (PolicyOperation.TranslateX, Linear(0, translateX, bins), true),
        (PolicyOperation.TranslateY, Linear(0, translateY, bins), true),
        (PolicyOperation.Rotate, Linear(0, degrees, bins), true),
    ];

    private static IEnumerable<(PolicyOperation, double[], bool)> Colour(int bins, double low, double high) =>
    [
        (PolicyOperation.Brightness, Linear(low, high, bins), true),
        (PolicyOperation.Color, Linear(low, high, bins), true),
        (PolicyOperation.Contrast, Linear(low, high, bins), true),
        (PolicyOperation.Sharpness, Linear(low, high, bins), true),
    ];

    // Posterize's bits: top - round(i / ((bins - 1) / spread)); solarize's threshold from 255 down to 0; then autocontrast and equalize.
    private static IEnumerable<(PolicyOperation, double[], bool)> Levels(int bins, int top, int spread) =>
    [
        (PolicyOperation.Posterize, [.. Enumerable.Range(0, bins).Select(i => top - Math.Round(i / ((bins - 1) / (double)spread)))], false),
        (PolicyOperation.Solarize, Linear(255, 0, bins), false),
        (PolicyOperation.AutoContrast, [], false),
        (PolicyOperation.Equalize, [], false),
    ];

    private static double[] Linear(double from, double to, int count) =>
        [.. Enumerable.Range(0, count).Select(i => count == 1 ? from : from + ((to - from) * i / (count - 1)))];
}
