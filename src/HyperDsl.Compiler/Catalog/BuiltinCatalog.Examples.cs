using System.Collections.Frozen;

namespace HyperDsl.Compiler.Catalog;

/// <summary>
/// One written use of each entry, for docs/catalog.md. A test binds every one where its kind is
/// written (a layer in a model, a transform in augment, a loss in train, ...), so an example that
/// no longer checks fails the build instead of misleading a reader.
/// </summary>
public static partial class BuiltinCatalog
{
    private static FrozenDictionary<string, string> Examples { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // distributions
        ["choice"] = "choice(32, 64, 128)",
        ["int"] = "int(1, 4)",
        ["loguniform"] = "loguniform(1e-4, 1e-1)",
        ["uniform"] = "uniform(0.0, 0.5)",

        // data sources
        ["cifar10"] = "cifar10(\"data/cifar-10-batches-bin\")",
        ["cifar100"] = "cifar100()",
        ["cifar100_coarse"] = "cifar100_coarse()",
        ["fashion_mnist"] = "fashion_mnist()",
        ["idx"] = "idx(images: \"train-images.idx\", labels: \"train-labels.idx\")",
        ["image_folder"] = "image_folder(\"data/train\", classes: 10)",
        ["mnist"] = "mnist(\"data/mnist\")",
        ["segmentation_folder"] = "segmentation_folder(images: \"data/images\", masks: \"data/masks\", classes: 3)",
        ["synthetic"] = "synthetic(count: 512, shape: [3, 32, 32], classes: 10)",

        // transforms
        ["augmix"] = "augmix(severity: 3)",
        ["autoaugment"] = "autoaugment(policy: cifar10)",
        ["center_crop"] = "center_crop(24)",
        ["color_jitter"] = "color_jitter(brightness: 0.2, contrast: 0.2)",
        ["cutmix"] = "cutmix(alpha: 1.0, p: 0.5)",
        ["hflip"] = "hflip(p: 0.5)",
        ["mixup"] = "mixup(alpha: 0.2)",
        ["randaugment"] = "randaugment(ops: 2, magnitude: 9)",
        ["random_crop"] = "random_crop(32, padding: 4)",
        ["random_erasing"] = "random_erasing(p: 0.25)",
        ["random_resized_crop"] = "random_resized_crop(24, scale: [0.5, 1.0])",
        ["resize"] = "resize(28)",
        ["rotate"] = "rotate(degrees: 15, p: 0.5)",
        ["translate"] = "translate(0.1)",
        ["trivialaugment"] = "trivialaugment",
        ["vflip"] = "vflip(p: 0.3)",

        // layers
        ["aspp"] = "aspp(64, rates: [6, 12, 18])",
        ["avgpool"] = "avgpool(2)",
        ["batchnorm"] = "batchnorm(momentum: 0.1)",
        ["conv"] = "conv(32, kernel: 3, padding: same)",
        ["conv_transpose"] = "conv_transpose(16, kernel: 2, stride: 2)",
        ["dropout"] = "dropout(0.3)",
        ["elu"] = "elu(alpha: 1.0)",
        ["flatten"] = "flatten",
        ["gelu"] = "gelu",
        ["global_avgpool"] = "global_avgpool",
        ["hardswish"] = "hardswish",
        ["inverted_residual"] = "inverted_residual(24, expand: 6, stride: 2, se: true)",
        ["leaky_relu"] = "leaky_relu(slope: 0.1)",
        ["linear"] = "linear(128)",
        ["maxpool"] = "maxpool(2)",
        ["mish"] = "mish",
        ["relu"] = "relu",
        ["relu6"] = "relu6",
        ["separable_conv"] = "separable_conv(32, kernel: 3)",
        ["sigmoid"] = "sigmoid",
        ["silu"] = "silu",
        ["squeeze_excite"] = "squeeze_excite(reduction: 4)",
        ["tanh"] = "tanh",
        ["upsample"] = "upsample(scale: 2, mode: bilinear)",

        // backbones
        ["efficientnet_b0"] = "efficientnet_b0(classes: 10)",
        ["mobilenet_v2"] = "mobilenet_v2(classes: 10, width: 0.5)",
        ["mobilenet_v3_large"] = "mobilenet_v3_large(classes: 10, width: 0.75)",
        ["mobilenet_v3_small"] = "mobilenet_v3_small(classes: 10, width: 0.5)",
        ["resnet101"] = "resnet101(classes: 10)",
        ["resnet152"] = "resnet152(classes: 10)",
        ["resnet18"] = "resnet18(classes: 10)",
        ["resnet34"] = "resnet34(classes: 10)",
        ["resnet50"] = "resnet50(classes: 10, weights: \"weights/resnet50.pt\")",

        // losses
        ["bce"] = "bce",
        ["cross_entropy"] = "cross_entropy(label_smoothing: 0.1)",
        ["dice"] = "dice",
        ["focal"] = "focal(gamma: 2)",
        ["nll"] = "nll",
        ["sum"] = "sum(cross_entropy: 1.0, dice: 0.5)",

        // optimizers
        ["adam"] = "adam(lr: 1e-3)",
        ["adamw"] = "adamw(lr: 1e-3, weight_decay: 0.05)",
        ["rmsprop"] = "rmsprop(lr: 1e-3, alpha: 0.9)",
        ["sgd"] = "sgd(lr: 0.1, momentum: 0.9, nesterov: true)",

        // schedules
        ["constant"] = "constant",
        ["cosine"] = "cosine(min_lr: 1e-5)",
        ["cosine_restarts"] = "cosine_restarts(period: 2 epochs, mult: 2)",
        ["cyclic"] = "cyclic(base_lr: 1e-4, max_lr: 1e-2, step: 500 steps, mode: triangular2)",
        ["exponential"] = "exponential(gamma: 0.9)",
        ["multistep"] = "multistep(at: [5, 8] epochs, gamma: 0.1)",
        ["onecycle"] = "onecycle(max_lr: 0.1)",
        ["plateau"] = "plateau(patience: 2, factor: 0.5)",
        ["polynomial"] = "polynomial(power: 2)",
        ["step"] = "step(every: 3 epochs, gamma: 0.5)",
        ["warmup"] = "warmup(1 epochs) then cosine",

        // samplers
        ["grid"] = "grid",
        ["auto"] = "auto",
        ["random"] = "random",
        ["nsga2"] = "nsga2(population: 20)",
        ["sobol"] = "sobol",
        ["tpe"] = "tpe(startup: 10)",
        ["cmaes"] = "cmaes(restarts: 2)",
        ["gp"] = "gp(startup: 10)",
        ["pbt"] = "pbt(population: 8, interval: 2, fraction: 0.25)",

        // pruners
        ["asha"] = "asha(min_epochs: 1, reduction: 3)",
        ["hyperband"] = "hyperband(min_epochs: 1, reduction: 3)",
        ["median"] = "median(startup: 5)",
        ["none"] = "none",

        // functions
        ["abs"] = "abs(shift)",
        ["ceil"] = "ceil(width / 3.0)",
        ["floor"] = "floor(width / 3.0)",
        ["max"] = "max(16, width)",
        ["min"] = "min(width, 64)",
        ["round"] = "round(width * 1.5)",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>A written use of the entry called <paramref name="name"/>, for the docs; null when it has none.</summary>
    public static string? ExampleOf(string name) => Examples.GetValueOrDefault(name);
}
