namespace HyperDsl.Runtime.Augmentation;

/// <summary>The batch augmentations of the <c>augment { }</c> section; each is drawn independently per image.</summary>
public static class Augment
{
    /// <summary>Mirrors each image left-right with probability <paramref name="p"/> (<c>hflip(p:)</c>).</summary>
    public static IBatchAugmentation HorizontalFlip(double p = 0.5) => new Flip(horizontal: true, Probability(p));

    /// <summary>Mirrors each image top-bottom with probability <paramref name="p"/> (<c>vflip(p:)</c>).</summary>
    public static IBatchAugmentation VerticalFlip(double p = 0.5) => new Flip(horizontal: false, Probability(p));

    /// <summary>Rotates each image by an angle drawn from ±<paramref name="degrees"/> (<c>rotate(degrees: d)</c>); corners fill with 0.</summary>
    public static IBatchAugmentation Rotation(double degrees) => Rotation(-Math.Abs(degrees), Math.Abs(degrees));

    /// <summary>Rotates each image by an angle drawn from [<paramref name="minDegrees"/>, <paramref name="maxDegrees"/>] (<c>rotate(degrees: [lo, hi])</c>).</summary>
    public static IBatchAugmentation Rotation(double minDegrees, double maxDegrees)
    {
        if (!(minDegrees <= maxDegrees))
        {
            throw new ArgumentException($"The rotation range [{minDegrees}, {maxDegrees}] is empty.", nameof(minDegrees));
        }

        return new Rotation(minDegrees, maxDegrees);
    }

    /// <summary>
    /// Applies <paramref name="augmentation"/> to each image with probability <paramref name="p"/> and leaves the
    /// others as they are (<c>rotate(degrees:, p:)</c>); with p = 1 it is the augmentation itself.
    /// </summary>
    public static IBatchAugmentation WithProbability(IBatchAugmentation augmentation, double p)
    {
        ArgumentNullException.ThrowIfNull(augmentation);
        var probability = Probability(p);
        return probability >= 1 ? augmentation : new ChosenAugmentation(augmentation, probability);
    }

    /// <summary>
    /// Pads each image by <paramref name="padding"/> zero pixels on every side, then cuts a
    /// random <paramref name="size"/> x <paramref name="size"/> window (<c>random_crop(size, padding:)</c>).
    /// </summary>
    public static IBatchAugmentation RandomCrop(int size, int padding = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        return new RandomCrop(size, padding);
    }

    /// <summary>
    /// Cuts a random window of a fraction in [<paramref name="minScale"/>, <paramref name="maxScale"/>]
    /// of each image's area, with an aspect ratio log-uniform in [<paramref name="minAspect"/>,
    /// <paramref name="maxAspect"/>], and resizes it to <paramref name="size"/> x <paramref name="size"/>
    /// (<c>random_resized_crop(size, scale:)</c>).
    /// </summary>
    public static IBatchAugmentation RandomResizedCrop(int size, double minScale = 0.08, double maxScale = 1.0, double minAspect = 3.0 / 4, double maxAspect = 4.0 / 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (!(minScale > 0 && minScale <= maxScale && maxScale <= 1 && minAspect > 0 && minAspect <= maxAspect))
        {
            throw new ArgumentException("random_resized_crop needs 0 < minScale <= maxScale <= 1 and 0 < minAspect <= maxAspect.", nameof(minScale));
        }

        return new RandomResizedCrop(size, minScale, maxScale, minAspect, maxAspect);
    }

    /// <summary>Shifts each image by whole pixels, at most the given fractions of its width and height; uncovered pixels are 0.</summary>
    public static IBatchAugmentation Translation(double maxFractionX, double maxFractionY)
    {
        if (maxFractionX is < 0 or > 1 || maxFractionY is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxFractionX), "Translation fractions must be between 0 and 1.");
        }

        return new Translation(maxFractionX, maxFractionY);
    }

    /// <summary>
    /// Scales brightness, contrast and saturation by factors drawn from [max(0, 1 - x), 1 + x] and
    /// turns the hue by a fraction of the colour wheel drawn from [-<paramref name="hue"/>,
    /// <paramref name="hue"/>] (<c>color_jitter(brightness:, contrast:, saturation:, hue:)</c>),
    /// as torchvision's ColorJitter. Saturation and hue leave one-channel images unchanged.
    /// </summary>
    public static IBatchAugmentation ColorJitter(double brightness = 0, double contrast = 0, double saturation = 0, double hue = 0)
    {
        // The catalogue's ranges: the three strengths only need to be non-negative (a factor
        // range of [0, 3] for 2 is meaningful), while a hue turn beyond half the wheel repeats.
        if (!(brightness >= 0 && contrast >= 0 && saturation >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(brightness), "Colour jitter strengths must not be negative.");
        }

        if (hue is not (>= 0 and <= 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(hue), hue, "The hue jitter must be between 0 and 0.5 (half a turn of the colour wheel).");
        }

        return new ColorJitter(brightness, contrast, saturation, hue);
    }

    /// <summary>
    /// With probability <paramref name="p"/>, sets a random rectangle of each image to
    /// <paramref name="value"/>: its area a fraction of the image drawn from
    /// [<paramref name="minArea"/>, <paramref name="maxArea"/>], its aspect ratio log-uniform in
    /// [<paramref name="minAspect"/>, <paramref name="maxAspect"/>] (as in Zhong et al. 2017).
    /// </summary>
    public static IBatchAugmentation RandomErasing(double p = 0.5, double minArea = 0.02, double maxArea = 0.33, double minAspect = 0.3, double maxAspect = 3.3, double value = 0)
    {
        if (!(minArea > 0 && minArea <= maxArea && maxArea <= 1 && minAspect > 0 && minAspect <= maxAspect))
        {
            throw new ArgumentException("Random erasing needs 0 < minArea <= maxArea <= 1 and 0 < minAspect <= maxAspect.", nameof(minArea));
        }

        return new RandomErasing(Probability(p), minArea, maxArea, minAspect, maxAspect, value);
    }

    /// <summary>
    /// AutoAugment with the sub-policies learned on <paramref name="policy"/>'s data (<c>autoaugment(policy:)</c>),
    /// as torchvision's AutoAugment, each image drawing its own sub-policy. Images must be in [0, 1].
    /// </summary>
    public static IBatchAugmentation AutoAugment(AutoAugmentPolicy policy = AutoAugmentPolicy.Imagenet) =>
        Enum.IsDefined(policy) ? new AutoAugment(policy) : throw new ArgumentOutOfRangeException(nameof(policy), policy, "Not an AutoAugment policy.");

    /// <summary>
    /// RandAugment (<c>randaugment(ops:, magnitude:)</c>), as torchvision's with 31 magnitude bins:
    /// <paramref name="operations"/> random operations in a row at bin <paramref name="magnitude"/> (0 to 30).
    /// </summary>
    public static IBatchAugmentation RandAugment(int operations = 2, int magnitude = 9)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(operations, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(magnitude);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(magnitude, Augmentation.RandAugment.Bins);
        return new RandAugment(operations, magnitude);
    }

    /// <summary>TrivialAugment in torchvision's wide form (<c>trivialaugment()</c>): one random operation at a random magnitude per image.</summary>
    public static IBatchAugmentation TrivialAugment() => new TrivialAugmentWide();

    /// <summary>
    /// AugMix (<c>augmix(severity:, width:, depth:, alpha:)</c>), as torchvision's: <paramref name="width"/> chains of
    /// <paramref name="depth"/> operations (1 to 3 at random when -1) at magnitude bins below <paramref name="severity"/>
    /// (1 to 10), mixed by Dirichlet(<paramref name="alpha"/>) weights and blended with the image by Beta(alpha, alpha).
    /// </summary>
    public static IBatchAugmentation AugMix(int severity = 3, int width = 3, int depth = -1, double alpha = 1.0)
    {
        if (severity is < 1 or > 10 || width < 1 || depth is 0 or < -1 || !(alpha > 0) || !double.IsFinite(alpha))
        {
            throw new ArgumentException("AugMix needs severity 1 to 10, width at least 1, depth -1 or at least 1, and a positive alpha.", nameof(severity));
        }

        return new AugMix(severity, width, depth, alpha);
    }

    /// <summary>mixup (<c>mixup(alpha:)</c>): each batch mixed with itself rolled by one, lambda from Beta(<paramref name="alpha"/>, alpha), labels mixed alike.</summary>
    public static IBatchMixing Mixup(double alpha = 0.2) => new Mixup(Concentration(alpha));

    /// <summary>
    /// CutMix (<c>cutmix(alpha:, p:)</c>): with probability <paramref name="p"/>, a box of each image's partner (the batch
    /// rolled by one) is pasted into it, of area about 1 - lambda with lambda from Beta(<paramref name="alpha"/>, alpha); labels weigh by area.
    /// </summary>
    public static IBatchMixing CutMix(double alpha = 1.0, double p = 1.0) => new CutMix(Concentration(alpha), Probability(p));

    /// <summary>The mixings of one <c>augment</c> block: one alone, or several of which each batch uses one chosen uniformly.</summary>
    public static IBatchMixing Mixing(params IBatchMixing[] choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentOutOfRangeException.ThrowIfZero(choices.Length);
        return choices.Length == 1 ? choices[0] : new MixingChoice(choices);
    }

    /// <summary>Resizes every training image to <paramref name="size"/> x <paramref name="size"/> (<c>resize(n)</c> in <c>augment { }</c>); see <see cref="Evaluate.Resize"/>.</summary>
    public static IBatchAugmentation Resize(int size) => new FixedAugmentation(Evaluate.Resize(size));

    /// <summary>Cuts the central <paramref name="size"/> x <paramref name="size"/> window of every training image (<c>center_crop(n)</c> in <c>augment { }</c>); see <see cref="Evaluate.CenterCrop"/>.</summary>
    public static IBatchAugmentation CenterCrop(int size) => new FixedAugmentation(Evaluate.CenterCrop(size));

    /// <summary>Applies <paramref name="steps"/> in order.</summary>
    public static IBatchAugmentation Pipeline(params IBatchAugmentation[] steps) => new AugmentationPipeline(steps);

    private static double Concentration(double alpha) => alpha > 0 && double.IsFinite(alpha)
        ? alpha
        : throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "A Beta distribution's alpha must be a positive number.");

    private static double Probability(double p) => p is >= 0 and <= 1
        ? p
        : throw new ArgumentOutOfRangeException(nameof(p), p, "A probability must be between 0 and 1.");
}
