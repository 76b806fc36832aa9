using static TorchSharp.torch;

namespace HyperDsl.Runtime.Data;

/// <summary>
/// How images are normalised: per channel, (x - mean) / std, applied to each batch after
/// augmentation. <see cref="Resolve"/> turns it into numbers using the training split only.
/// </summary>
public abstract record Normalization
{
    private Normalization()
    {
    }

    /// <summary>No normalisation: values stay in [0, 1].</summary>
    public static Normalization None { get; } = new NoneNormalization();

    /// <summary>ImageNet's RGB statistics (mean 0.485, 0.456, 0.406; std 0.229, 0.224, 0.225).</summary>
    public static Normalization ImageNet { get; } = new GivenNormalization([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]);

    /// <summary>Mean and standard deviation per channel, computed on the training split.</summary>
    public static Normalization Auto { get; } = new AutoNormalization();

    /// <summary>Given statistics: one value per channel, or one value for every channel.</summary>
    public static Normalization Given(IReadOnlyList<double> mean, IReadOnlyList<double> std) => new GivenNormalization(mean, std);

    /// <summary>The per-channel statistics for data shaped like <paramref name="train"/>, computed from it where needed.</summary>
    public abstract ChannelStatistics Resolve(ImageDataset train);

    private sealed record NoneNormalization : Normalization
    {
        public override ChannelStatistics Resolve(ImageDataset train)
        {
            ArgumentNullException.ThrowIfNull(train);
            var channels = (int)train.ImageShape[0];
            return new ChannelStatistics(Enumerable.Repeat(0.0, channels).ToArray(), Enumerable.Repeat(1.0, channels).ToArray());
        }
    }

    private sealed record GivenNormalization(IReadOnlyList<double> Mean, IReadOnlyList<double> Std) : Normalization
    {
        public override ChannelStatistics Resolve(ImageDataset train)
        {
            ArgumentNullException.ThrowIfNull(train);
            var channels = (int)train.ImageShape[0];
            return new ChannelStatistics(Expand(Mean, channels, "mean"), Expand(Std, channels, "std"));
        }

        private static double[] Expand(IReadOnlyList<double> values, int channels, string what)
        {
            if (values.Count == channels)
            {
                return [.. values];
            }

            if (values.Count == 1)
            {
                return Enumerable.Repeat(values[0], channels).ToArray();
            }

            throw new ArgumentException($"Normalisation gives {values.Count} {what} values, but the images have {channels} channel{(channels == 1 ? "" : "s")}; give one value per channel.");
        }
    }

    private sealed record AutoNormalization : Normalization
    {
        public override ChannelStatistics Resolve(ImageDataset train)
        {
            ArgumentNullException.ThrowIfNull(train);
            using var scope = NewDisposeScope();

            // Float64 so that millions of pixels do not lose precision in the sums.
            var pixels = train.Images.to_type(ScalarType.Float64);
            var mean = pixels.mean([0, 2, 3]).data<double>().ToArray();
            var std = pixels.std([0, 2, 3], unbiased: false).data<double>().ToArray();
            return new ChannelStatistics(mean, std);
        }
    }
}
