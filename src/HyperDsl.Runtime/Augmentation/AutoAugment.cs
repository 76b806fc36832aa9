using static TorchSharp.torch;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// AutoAugment (Cubuk et al. 2018) as torchvision's: each image draws one of the policy's 25
/// sub-policies, whose two steps each apply with their probability, at their magnitude bin out
/// of 10 and a random sign. Every image draws its own sub-policy (torchvision draws one per call). A
/// mask moves with its image through the geometric operations and is left alone by the colour ones.
/// </summary>
internal sealed class AutoAugment(AutoAugmentPolicy policy) : IMaskAugmentation
{
    private const int Bins = 10;

    public Tensor Apply(Tensor images, Generator generator) => Run(images, null, 0, generator).Images;

    public (Tensor Images, Tensor Masks) Apply(Tensor images, Tensor masks, long ignoreIndex, Generator generator)
    {
        var (result, resultMasks) = Run(images, masks, ignoreIndex, generator);
        return (result, resultMasks!);
    }

    // Images alone (masks null) or with their masks: the same draws either way.
    private (Tensor Images, Tensor? Masks) Run(Tensor images, Tensor? masks, long ignoreIndex, Generator generator)
    {
        using var scope = NewDisposeScope();
        var count = images.shape[0];
        var space = PolicySpace.Standard(Bins, images.shape[2], images.shape[3], autoAugment: true);
        var policies = Policies(policy);
        var chosen = randint(0, policies.Length, [count], ScalarType.Int64, generator: generator);
        var draws = rand([count, 2], ScalarType.Float32, generator: generator);
        var (result, resultMasks) = (images, masks);
        for (var step = 0; step < 2; step++)
        {
            var steps = policies.Select(p => step == 0 ? p.First : p.Second).ToArray();
            var indices = tensor(steps.Select(s => (long)space.IndexOf(s.Operation)).ToArray()).index_select(0, chosen);
            var bins = tensor(steps.Select(s => (long)s.Bin).ToArray()).index_select(0, chosen);
            var (operations, magnitudes) = space.Look(indices, bins, generator, images.device);
            var applies = draws.select(1, step).le(tensor(steps.Select(s => (float)s.Probability).ToArray()).index_select(0, chosen));
            operations = where(applies.to(images.device), operations, zeros_like(operations));
            (result, resultMasks) = PolicyOperations.Step(result, resultMasks, ignoreIndex, operations, magnitudes);
        }

        return (result.MoveToOuterDisposeScope(), resultMasks?.MoveToOuterDisposeScope());
    }

    private static SubPolicy[] Policies(AutoAugmentPolicy policy) => policy switch
    {
        AutoAugmentPolicy.Imagenet => ImageNet,
        AutoAugmentPolicy.Cifar10 => Cifar10,
        AutoAugmentPolicy.Svhn => Svhn,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Not an AutoAugment policy."),
    };

    /// <summary>One step of a sub-policy: the operation, the probability it applies, its magnitude bin (unused by operations without a magnitude).</summary>
    private sealed record Step(PolicyOperation Operation, double Probability, int Bin);

    private sealed record SubPolicy(Step First, Step Second);

    // torchvision's tables (torchvision/transforms/autoaugment.py, AutoAugment._get_policies).
    private static readonly SubPolicy[] ImageNet =
    [
        new(new(PolicyOperation.Posterize, 0.4, 8), new(PolicyOperation.Rotate, 0.6, 9)),
        new(new(PolicyOperation.Solarize, 0.6, 5), new(PolicyOperation.AutoContrast, 0.6, 0)),
        new(new(PolicyOperation.Equalize, 0.8, 0), new(PolicyOperation.Equalize, 0.6, 0)),
        new(new(PolicyOperation.Posterize, 0.6, 7), new(PolicyOperation.Posterize, 0.6, 6)),
        new(new(PolicyOperation.Equalize, 0.4, 0), new(PolicyOperation.Solarize, 0.2, 4)),
        new(new(PolicyOperation.Equalize, 0.4, 0), new(PolicyOperation.Rotate, 0.8, 8)),
        new(new(PolicyOperation.Solarize, 0.6, 3), new(PolicyOperation.Equalize, 0.6, 0)),
        new(new(PolicyOperation.Posterize, 0.8, 5), new(PolicyOperation.Equalize, 1.0, 0)),
        new(new(PolicyOperation.Rotate, 0.2, 3), new(PolicyOperation.Solarize, 0.6, 8)),
        new(new(PolicyOperation.Equalize, 0.6, 0), new(PolicyOperation.Posterize, 0.4, 6)),
        new(new(PolicyOperation.Rotate, 0.8, 8), new(PolicyOperation.Color, 0.4, 0)),
        new(new(PolicyOperation.Rotate, 0.4, 9), new(PolicyOperation.Equalize, 0.6, 0)),
        new(new(PolicyOperation.Equalize, 0.0, 0), new(PolicyOperation.Equalize, 0.8, 0)),
        new(new(PolicyOperation.Invert, 0.6, 0), new(PolicyOperation.Equalize, 1.0, 0)),
        new(new(PolicyOperation.Color, 0.6, 4), new(PolicyOperation.Contrast, 1.0, 8)),
        new(new(PolicyOperation.Rotate, 0.8, 8), new(PolicyOperation.Color, 1.0, 2)),
        new(new(PolicyOperation.Color, 0.8, 8), new(PolicyOperation.Solarize, 0.8, 7)),
        new(new(PolicyOperation.Sharpness, 0.4, 7), new(PolicyOperation.Invert, 0.6, 0)),
        new(new(PolicyOperation.ShearX, 0.6, 5), new(PolicyOperation.Equalize, 1.0, 0)),
        new(new(PolicyOperation.Color, 0.4, 0), new(PolicyOperation.Equalize, 0.6, 0)),
        new(new(PolicyOperation.Equalize, 0.4, 0), new(PolicyOperation.Solarize, 0.2, 4)),
        new(new(PolicyOperation.Solarize, 0.6, 5), new(PolicyOperation.AutoContrast, 0.6, 0)),
        new(new(PolicyOperation.Invert, 0.6, 0), new(PolicyOperation.Equalize, 1.0, 0)),
        new(new(PolicyOperation.Color, 0.6, 4), new(PolicyOperation.Contrast, 1.0, 8)),
        new(new(PolicyOperation.Equalize, 0.8, 0), new(PolicyOperation.Equalize, 0.6, 0)),
    ];

    private static readonly SubPolicy[] Cifar10 =
    [
        new(new(PolicyOperation.Invert, 0.1, 0), new(PolicyOperation.Contrast, 0.2, 6)),
        new(new(PolicyOperation.Rotate, 0.7, 2), new(PolicyOperation.TranslateX, 0.3, 9)),
        new(new(PolicyOperation.Sharpness, 0.8, 1), new(PolicyOperation.Sharpness, 0.9, 3)),
        new(new(PolicyOperation.ShearY, 0.5, 8), new(PolicyOperation.TranslateY, 0.7, 9)),
        new(new(PolicyOperation.AutoContrast, 0.5, 0), new(PolicyOperation.Equalize, 0.9, 0)),
        new(new(PolicyOperation.ShearY, 0.2, 7), new(PolicyOperation.Posterize, 0.3, 7)),
        new(new(PolicyOperation.Color, 0.4, 3), new(PolicyOperation.Brightness, 0.6, 7)),
        new(new(PolicyOperation.Sharpness, 0.3, 9), new(PolicyOperation.Brightness, 0.7, 9)),
        new(new(PolicyOperation.Equalize, 0.6, 0), new(PolicyOperation.Equalize, 0.5, 0)),
        new(new(PolicyOperation.Contrast, 0.6, 7), new(PolicyOperation.Sharpness, 0.6, 5)),
        new(new(PolicyOperation.Color, 0.7, 7), new(PolicyOperation.TranslateX, 0.5, 8)),
        new(new(PolicyOperation.Equalize, 0.3, 0), new(PolicyOperation.AutoContrast, 0.4, 0)),
        new(new(PolicyOperation.TranslateY, 0.4, 3), new(PolicyOperation.Sharpness, 0.2, 6)),
        new(new(PolicyOperation.Brightness, 0.9, 6), new(PolicyOperation.Color, 0.2, 8)),
        new(new(PolicyOperation.Solarize, 0.5, 2), new(PolicyOperation.Invert, 0.0, 0)),
        new(new(PolicyOperation.Equalize, 0.2, 0), new(PolicyOperation.AutoContrast, 0.6, 0)),
        new(new(PolicyOperation.Equalize, 0.2, 0), new(PolicyOperation.Equalize, 0.6, 0)),
        new(new(PolicyOperation.Color, 0.9, 9), new(PolicyOperation.Equalize, 0.6, 0)),
        new(new(PolicyOperation.AutoContrast, 0.8, 0), new(PolicyOperation.Solarize, 0.2, 8)),
        new(new(PolicyOperation.Brightness, 0.1, 3), new(PolicyOperation.Color, 0.7, 0)),
        new(new(PolicyOperation.Solarize, 0.4, 5), new(PolicyOperation.AutoContrast, 0.9, 0)),
        new(new(PolicyOperation.TranslateY, 0.9, 9), new(PolicyOperation.TranslateY, 0.7, 9)),
        new(new(PolicyOperation.AutoContrast, 0.9, 0), new(PolicyOperation.Solarize, 0.8, 3)),
        new(new(PolicyOperation.Equalize, 0.8, 0), new(PolicyOperation.Invert, 0.1, 0)),
        new(new(PolicyOperation.TranslateY, 0.7, 9), new(PolicyOperation.AutoContrast, 0.9, 0)),
    ];

    private static readonly SubPolicy[] Svhn =
    [
        new(new(PolicyOperation.ShearX, 0.9, 4), new(PolicyOperation.Invert, 0.2, 0)),
        new(new(PolicyOperation.ShearY, 0.9, 8), new(PolicyOperation.Invert, 0.7, 0)),
        new(new(PolicyOperation.Equalize, 0.6, 0), new(PolicyOperation.Solarize, 0.6, 6)),
        new(new(PolicyOperation.Invert, 0.9, 0), new(PolicyOperation.Equalize, 0.6, 0)),
        new(new(PolicyOperation.Equalize, 0.6, 0), new(PolicyOperation.Rotate, 0.9, 3)),
        new(new(PolicyOperation.ShearX, 0.9, 4), new(PolicyOperation.AutoContrast, 0.8, 0)),
        new(new(PolicyOperation.ShearY, 0.9, 8), new(PolicyOperation.Invert, 0.4, 0)),
        new(new(PolicyOperation.ShearY, 0.9, 5), new(PolicyOperation.Solarize, 0.2, 6)),
        new(new(PolicyOperation.Invert, 0.9, 0), new(PolicyOperation.AutoContrast, 0.8, 0)),
        new(new(PolicyOperation.Equalize, 0.6, 0), new(PolicyOperation.Rotate, 0.9, 3)),
        new(new(PolicyOperation.ShearX, 0.9, 4), new(PolicyOperation.Solarize, 0.3, 3)),
        new(new(PolicyOperation.ShearY, 0.8, 8), new(PolicyOperation.Invert, 0.7, 0)),
        new(new(PolicyOperation.Equalize, 0.9, 0), new(PolicyOperation.TranslateY, 0.6, 6)),
        new(new(PolicyOperation.Invert, 0.9, 0), new(PolicyOperation.Equalize, 0.6, 0)),
        new(new(PolicyOperation.Contrast, 0.3, 3), new(PolicyOperation.Rotate, 0.8, 4)),
        new(new(PolicyOperation.Invert, 0.8, 0), new(PolicyOperation.TranslateY, 0.0, 2)),
        new(new(PolicyOperation.ShearY, 0.7, 6), new(PolicyOperation.Solarize, 0.4, 8)),
        new(new(PolicyOperation.Invert, 0.6, 0), new(PolicyOperation.Rotate, 0.8, 4)),
        new(new(PolicyOperation.ShearY, 0.3, 7), new(PolicyOperation.TranslateX, 0.9, 3)),
        new(new(PolicyOperation.ShearX, 0.1, 6), new(PolicyOperation.Invert, 0.6, 0)),
        new(new(PolicyOperation.Solarize, 0.7, 2), new(PolicyOperation.TranslateY, 0.6, 7)),
        new(new(PolicyOperation.ShearY, 0.8, 4), new(PolicyOperation.Invert, 0.8, 0)),
        new(new(PolicyOperation.ShearX, 0.7, 9), new(PolicyOperation.TranslateY, 0.8, 3)),
        new(new(PolicyOperation.ShearY, 0.8, 5), new(PolicyOperation.AutoContrast, 0.7, 0)),
        new(new(PolicyOperation.ShearX, 0.7, 2), new(PolicyOperation.Invert, 0.1, 0)),
    ];
}
