namespace HyperDsl.Runtime.Augmentation;

/// <summary>The data set an AutoAugment policy was learned on (<c>autoaugment(policy:)</c>), as torchvision's AutoAugmentPolicy.</summary>
public enum AutoAugmentPolicy
{
    /// <summary>The policy learned on ImageNet.</summary>
    Imagenet,

    /// <summary>The policy learned on CIFAR-10.</summary>
    Cifar10,

    /// <summary>The policy learned on SVHN.</summary>
    Svhn,
}
