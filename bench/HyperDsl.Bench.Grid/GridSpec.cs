using System.Globalization;

namespace HyperDsl.Bench.Grid;

/// <summary>
/// The grid example as the benchmark runs it: examples/grid-resnet18-transfer.hyp with the image
/// count and size of the run, and the work of the PyTorch script (train on every image, no
/// validation split; the objective is the epoch's mean training loss). Each change is an exact
/// replacement that must apply, so an edited example cannot silently benchmark something else.
/// </summary>
internal static class GridSpec
{
    public static string From(string example, int images, int size, int trials)
    {
        var text = example;
        text = Replace(text, "source     synthetic(count: 1000, shape: [3, 224, 224], classes: 2)",
            $"source     synthetic(count: {images.ToString(CultureInfo.InvariantCulture)}, shape: [3, {size.ToString(CultureInfo.InvariantCulture)}, {size.ToString(CultureInfo.InvariantCulture)}], classes: 2)");
        text = Replace(text, "    validation 20%\n", "");
        text = Replace(text, "objective maximize val_accuracy", "objective minimize train_loss");
        text = Replace(text, "trials    16 ", $"trials    {trials.ToString(CultureInfo.InvariantCulture)} ");
        return text;
    }

    private static string Replace(string text, string from, string to) =>
        text.Contains(from, StringComparison.Ordinal)
            ? text.Replace(from, to, StringComparison.Ordinal)
            : throw new InvalidOperationException($"The grid example no longer contains '{from.Trim()}'; update bench/HyperDsl.Bench.Grid/GridSpec.cs.");
}
