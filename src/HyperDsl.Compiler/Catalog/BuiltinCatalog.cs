using System.Collections.Frozen;
using System.Collections.Immutable;
using HyperDsl.Compiler.Catalog.Shapes;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;
using static HyperDsl.Compiler.Catalog.EntryKind;

namespace HyperDsl.Compiler.Catalog;

/// <summary>
/// Every built-in name of the language with its typed signature: distributions, data sources,
/// transforms, layers, backbones, losses, optimizers, schedules, samplers, pruners, functions,
/// settings and metrics. One table for the checker, the docs and the code generator.
/// </summary>
public static partial class BuiltinCatalog
{
    private static readonly HypType Int = IntType.Instance;
    private static readonly HypType Float = FloatType.Instance;
    private static readonly HypType Bool = BoolType.Instance;
    private static readonly HypType String = StringType.Instance;
    private static readonly HypType Epochs = new QuantityType(QuantityUnit.Epochs);
    private static readonly HypType Steps = new QuantityType(QuantityUnit.Steps);
    private static readonly HypType Percent = new QuantityType(QuantityUnit.Percent);
    private static readonly HypType IntList = new ListType(IntType.Instance);
    private static readonly HypType FloatList = new ListType(FloatType.Instance);

    private static readonly NumericRange Positive = new(0, null, MinExclusive: true);
    private static readonly NumericRange AtLeastOne = new(1, null);
    private static readonly NumericRange NonNegative = new(0, null);
    private static readonly NumericRange Probability = new(0, 1);
    private static readonly NumericRange OpenUnit = new(0, 1, MinExclusive: true, MaxExclusive: true);

    private const string ClassificationTask = "classification";
    private const string SegmentationTask = "segmentation";

    // Declared before the tables below: static fields initialise in textual order.
    /// <summary>Every metric objectives may name, with its meaning: the reported ones (in the order messages list them), then the static ones.</summary>
    public static ImmutableArray<MetricEntry> Metrics { get; } =
    [
        new("train_loss", "TrainLoss") { EpochMetric = "TrainLoss" },
        new("val_loss", "ValLoss") { NeedsValidation = true, EpochMetric = "ValLoss" },
        new("val_accuracy", "ValAccuracy") { NeedsValidation = true, EpochMetric = "ValAccuracy", Task = ClassificationTask },
        new("val_top5", "ValTop5") { NeedsValidation = true, EpochMetric = "ValTop5", NeedsExtra = "top5", Task = ClassificationTask },
        new("val_auc", "ValAuc") { NeedsValidation = true, EpochMetric = "ValAuc", NeedsExtra = "auc", Task = ClassificationTask },
        new("val_miou", "ValMiou") { NeedsValidation = true, EpochMetric = "ValMiou", Task = SegmentationTask },
        new("val_pixel_accuracy", "ValPixelAccuracy") { NeedsValidation = true, EpochMetric = "ValPixelAccuracy", Task = SegmentationTask },
        new("test_accuracy", "TestAccuracy") { NeedsTestSplit = true, Task = ClassificationTask },
        new("model.params", "ModelParams") { FromModel = statistics => statistics.TrainableParameters, ModelArgument = "modelParams" },
        new("model.flops", "ModelFlops") { FromModel = statistics => statistics.Flops, ModelArgument = "modelFlops" },
    ];

    /// <summary>The metrics the trainer reports each epoch, which objectives, early stopping and pruners may name.</summary>
    public static ImmutableArray<string> ReportedMetrics { get; } = [.. Metrics.Where(m => !m.IsStatic).Select(m => m.Name)];

    /// <summary>Metrics computed without training, from the model alone.</summary>
    public static ImmutableArray<string> StaticMetrics { get; } = [.. Metrics.Where(m => m.IsStatic).Select(m => m.Name)];

    /// <summary>The keywords of the train section's <c>metrics</c> setting, with the runtime flag each turns on.</summary>
    public static ImmutableArray<ExtraMetric> ExtraMetrics { get; } = [new("accuracy", null) { Task = ClassificationTask }, new("top5", "Top5") { Task = ClassificationTask }, new("auc", "Auc") { Task = ClassificationTask }, new("loss", null)];

    /// <summary>The tasks the data section's <c>task</c> setting names; classification is the default.</summary>
    public static ImmutableArray<TaskEntry> Tasks { get; } =
    [
        new(ClassificationTask),
        new(SegmentationTask) { PerPixel = true },
        new("detection", "anchors, boxes and mAP are out of scope for now"),
    ];

    /// <summary>The task a spec trains when it declares none.</summary>
    public static TaskEntry DefaultTask => Tasks[0];

    /// <summary>The task called <paramref name="name"/>, if there is one.</summary>
    public static TaskEntry? FindTask(string name) => Tasks.FirstOrDefault(t => t.Name == name);

    /// <summary>Every callable entry, by name.</summary>
    public static FrozenDictionary<string, CatalogEntry> Entries { get; } = BuildEntries().ToFrozenDictionary(e => e.Name, StringComparer.Ordinal);

    /// <summary>Every setting, by section and name.</summary>
    public static FrozenDictionary<(SectionKind Section, string Name), SettingSpec> Settings { get; } =
        BuildSettings().ToFrozenDictionary(s => (s.Section, s.Name));

    /// <summary>The entry called <paramref name="name"/>, if there is one.</summary>
    public static CatalogEntry? Find(string name) => Entries.GetValueOrDefault(name);

    /// <summary>The metric called <paramref name="name"/> (<c>val_accuracy</c>, <c>model.params</c>), if there is one.</summary>
    public static MetricEntry? FindMetric(string name) => Metrics.FirstOrDefault(m => m.Name == name);

    /// <summary>The keyword <paramref name="name"/> of the <c>metrics</c> setting, if there is one.</summary>
    public static ExtraMetric? FindExtraMetric(string name) => ExtraMetrics.FirstOrDefault(m => m.Name == name);

    /// <summary>Every name of entries of the given kinds, for suggestions.</summary>
    public static IEnumerable<string> NamesOf(params EntryKind[] kinds) =>
        Entries.Values.Where(e => kinds.Contains(e.Kind)).Select(e => e.Name);

    private static ArgSpec Req(string name, HypType type, NumericRange? range = null, string summary = "") =>
        new(name, [type], [], true, null, range, summary);

    private static ArgSpec Opt(string name, HypType type, Value? defaultValue, NumericRange? range = null, string summary = "") =>
        new(name, [type], [], false, defaultValue, range, summary);

    private static ArgSpec Keywords(ArgSpec spec, params string[] keywords) => spec with { Keywords = [.. keywords] };

    private static ArgSpec Types(ArgSpec spec, params HypType[] types) => spec with { Types = [.. types] };

    private static ArgSpec ShapeFree(ArgSpec spec) => spec with { ChangesNoShape = true };

    private static CatalogEntry E(string name, EntryKind kind, string summary, params ArgSpec[] parameters) =>
        new(name, kind, [.. parameters], summary);

    private static CatalogEntry Fn(string name, string summary, FunctionMeaning meaning, params ArgSpec[] parameters) =>
        E(name, Function, summary, parameters) with { Function = meaning };

    private static CatalogEntry Dist(CatalogEntry entry, DistributionMeaning meaning) => entry with { Distribution = meaning };

    private static CatalogEntry Built(CatalogEntry entry, string method, params RuntimeArgument[] arguments) =>
        entry with { Runtime = new RuntimeLayer(method, [.. arguments]) };

    // A layer: how it is built, and what it does to shapes.
    private static CatalogEntry Built(CatalogEntry entry, LayerShapeRule shape, string method, params RuntimeArgument[] arguments) =>
        Built(entry, method, arguments) with { Shape = shape };

    private static CatalogEntry Made(CatalogEntry entry, string type, string member, params FactoryArgument[] arguments) =>
        entry with { Factory = new RuntimeFactory(type, member, [.. arguments]) };

    private static CatalogEntry Property(CatalogEntry entry, string type, string member) =>
        entry with { Factory = new RuntimeFactory(type, member, []) { IsProperty = true } };

    private static FactoryArgument Given(string parameter, FactoryArgumentKind kind = FactoryArgumentKind.Value) => new(parameter, kind);

    private static FactoryArgument By(string parameter, string name, FactoryArgumentKind kind = FactoryArgumentKind.Value) => new(parameter, kind, name);

    // A keyword argument passed as the runtime enum member of the same name in PascalCase.
    private static FactoryArgument Chosen(string parameter, string name, string enumType) => new(parameter, FactoryArgumentKind.Keyword, name) { EnumType = enumType };

    private static RuntimeArgument Positional(string parameter) => new(parameter, RuntimeArgumentKind.Int, Positional: true);

    private static RuntimeArgument Named(string parameter, RuntimeArgumentKind kind = RuntimeArgumentKind.Int) => new(parameter, kind);

    private static DataRuntimeCall Load(string method, params DataCallArgument[] arguments) => new(method, [.. arguments]);

    private static DataCallArgument Pass(string parameter, DataCallArgumentKind kind = DataCallArgumentKind.Int, string? fallback = null) => new(parameter, kind, fallback);

    // Fashion-MNIST and MNIST: 1x28x28 images of 10 classes, the training and test splits loaded together.
    private static DataSourceMeaning MnistFormat(string method) =>
        new(Load(method, Pass("dir", DataCallArgumentKind.Path, "null"))) { FixedShape = [1, 28, 28], FixedClasses = 10, SearchesStandardPlaces = true, LoadsSplits = true };

    // CIFAR-10 and CIFAR-100: 3x32x32 images, the training and test splits loaded together.
    private static DataSourceMeaning Cifar(string method, long classes) =>
        new(Load(method, Pass("dir", DataCallArgumentKind.Path, "null"))) { FixedShape = [3, 32, 32], FixedClasses = classes, SearchesStandardPlaces = true, LoadsSplits = true };

    private static DataRuntimeCall Augmenting(string method, params DataCallArgument[] arguments) => Load("Augmentation.Augment." + method, arguments);

    private static TransformMeaning Keeping(DataRuntimeCall augment) => new(ImageSizeEffect.Keeps, augment);

    private static TransformMeaning Sizing(ImageSizeEffect effect, DataRuntimeCall augment) => new(effect, augment) { SizeParameter = "size" };

    private static IntValue I(long value) => new(value);

    private static FloatValue F(double value) => new(value);

    private static IEnumerable<CatalogEntry> BuildEntries()
    {
        // ---- distributions ----
        yield return Dist(E("uniform", Distribution, "A float drawn uniformly from [low, high], optionally quantized by step.",
            Req("low", Float), Req("high", Float), Opt("step", Float, null, Positive)), new(DistributionDomainKind.FloatRange));
        yield return Dist(E("loguniform", Distribution, "A float whose logarithm is uniform on [log low, log high]; low must be positive.",
            Req("low", Float), Req("high", Float)), new(DistributionDomainKind.FloatRange, AlwaysLog: true));
        yield return Dist(E("int", Distribution, "An integer from low to high inclusive; 'log' samples on a log scale.",
            Req("low", Int), Req("high", Int), Keywords(Opt("scale", Int, null), "log") with { Types = [] }, Opt("step", Int, null, AtLeastOne)), new(DistributionDomainKind.IntRange));
        yield return Dist(E("choice", Distribution, "One of the listed values; bare names become an enum.",
            Req("values", Float) with { Variadic = true, Types = [Int, Float, Bool, String] }), new(DistributionDomainKind.Choice));

        // ---- data sources: each with its meaning (images, classes, how generated code loads it) ----
        yield return E("fashion_mnist", DataSource, "Fashion-MNIST in IDX form (10 classes, 1x28x28).", Opt("dir", String, null))
            with { Tasks = [ClassificationTask], Source = MnistFormat("Data.MnistFormatData.LoadFashionMnist") };
        yield return E("mnist", DataSource, "MNIST in IDX form (10 classes, 1x28x28).", Opt("dir", String, null))
            with { Tasks = [ClassificationTask], Source = MnistFormat("Data.MnistFormatData.LoadMnist") };
        yield return E("cifar10", DataSource, "CIFAR-10 in its binary form (10 classes, 3x32x32; data_batch_1.bin ... data_batch_5.bin and test_batch.bin).", Opt("dir", String, null))
            with { Tasks = [ClassificationTask], Source = Cifar("Data.CifarData.LoadCifar10", 10) };
        yield return E("cifar100", DataSource, "CIFAR-100 in its binary form (100 classes, 3x32x32; train.bin and test.bin).", Opt("dir", String, null))
            with { Tasks = [ClassificationTask], Source = Cifar("Data.CifarData.LoadCifar100", 100) };
        yield return E("cifar100_coarse", DataSource, "CIFAR-100's images with its 20 coarse labels (the superclasses: aquatic mammals, fish, ...); the same files as cifar100.", Opt("dir", String, null))
            with { Tasks = [ClassificationTask], Source = Cifar("Data.CifarData.LoadCifar100Coarse", 20) };
        yield return E("idx", DataSource, "Any pair of IDX files.",
            Req("images", String), Req("labels", String), Opt("classes", Int, null, AtLeastOne))
            with { Tasks = [ClassificationTask], Source = new(Load("Data.IdxDataset.Load", Pass("images", DataCallArgumentKind.Path), Pass("labels", DataCallArgumentKind.Path), Pass("classes")))
                { ClassesParameter = "classes", CountsClassesWhenLoaded = true } };
        yield return E("image_folder", DataSource, "One sub-folder per class of PNG or JPEG images (RGB); without classes:, hyp check counts the sub-folders.",
            Req("dir", String), Opt("classes", Int, null, new NumericRange(2, null)), Opt("channels", Int, I(3), new NumericRange(1, 4)))
            with { Tasks = [ClassificationTask], Source = new(Load("Data.ImageFolder.Load", Pass("dir", DataCallArgumentKind.Path), Pass("channels", DataCallArgumentKind.Int, "3")))
                { ChannelsParameter = "channels", ClassesParameter = "classes", CountsClassesWhenLoaded = true, ClassFoldersParameter = "dir", DecodesAtResize = true } };
        yield return E("synthetic", DataSource, "Seeded random images, for smoke tests and benchmarks.",
            Req("count", Int, AtLeastOne), Req("shape", IntList), Req("classes", Int, new NumericRange(2, null)), Opt("seed", Int, I(0)))
            with { Tasks = [ClassificationTask], Source = new(Load("Data.SyntheticData.Create", Pass("count"), Pass("shape", DataCallArgumentKind.IntList), Pass("classes"), Pass("seed", DataCallArgumentKind.Value, "seed")))
                { ShapeParameter = "shape", ClassesParameter = "classes", CountParameter = "count" } };
        yield return E("segmentation_folder", DataSource, "Image and mask pairs for 'task segmentation': PNG or JPEG images in 'images', each with a mask of the same name (an 8-bit greyscale PNG, or an indexed PNG whose palette index is the class, as PASCAL VOC's) in 'masks', whose pixel values are classes below 'classes' or 'ignore_index' (pixels no loss or metric counts). 'list' names a text file of the images to load, one name without extension per line (PASCAL VOC's ImageSets/Segmentation/train.txt), so one image folder can hold several splits.",
            Req("images", String), Req("masks", String), Req("classes", Int, new NumericRange(2, 255)),
            Opt("ignore_index", Int, I(255), new NumericRange(0, 255)), Opt("channels", Int, I(3), new NumericRange(1, 4)), Opt("list", String, null))
            with { Tasks = [SegmentationTask], Source = new(Load("Data.SegmentationFolder.Load", Pass("images", DataCallArgumentKind.Path), Pass("masks", DataCallArgumentKind.Path),
                Pass("classes"), Pass("ignore_index", DataCallArgumentKind.Int, "255"), Pass("channels", DataCallArgumentKind.Int, "3"), Pass("list", DataCallArgumentKind.Path)))
                { ChannelsParameter = "channels", ClassesParameter = "classes", DecodesAtResize = true } };

        // ---- transforms: each with its meaning (effect on the image size, how generated code makes it) ----
        yield return E("rotate", Transform, "Rotate by a random angle in [-degrees, degrees] (or [low, high]), each image with probability p.",
            Types(Req("degrees", Float, new NumericRange(0, 180)), Float, FloatList), Opt("p", Float, F(1), Probability))
            with { Transform = Keeping(Augmenting("Rotation", Pass("degrees", DataCallArgumentKind.Double) with { SpreadsPair = true })) with { WrappedProbability = "p" } };
        yield return E("hflip", Transform, "Mirror left-right with probability p.", Opt("p", Float, F(0.5), Probability))
            with { Transform = Keeping(Augmenting("HorizontalFlip", Pass("p", DataCallArgumentKind.Value, "0.5"))) };
        yield return E("vflip", Transform, "Mirror top-bottom with probability p.", Opt("p", Float, F(0.5), Probability))
            with { Transform = Keeping(Augmenting("VerticalFlip", Pass("p", DataCallArgumentKind.Value, "0.5"))) };
        yield return E("random_crop", Transform, "Crop a random size x size window, after padding.",
            Req("size", Int, AtLeastOne), Opt("padding", Int, I(0), NonNegative))
            with { Transform = Sizing(ImageSizeEffect.Crops, Augmenting("RandomCrop", Pass("size"), Pass("padding", DataCallArgumentKind.Int, "0"))) with { PaddingParameter = "padding" } };
        yield return E("random_resized_crop", Transform, "Crop a random area and aspect ratio, then resize to size x size.",
            Req("size", Int, AtLeastOne), Opt("scale", FloatList, new ListValue([F(0.08), F(1)])))
            with { Transform = Sizing(ImageSizeEffect.Resizes, Augmenting("RandomResizedCrop", Pass("size"), Pass("scale", DataCallArgumentKind.Value) with { SpreadsPair = true })) };
        yield return E("center_crop", Transform, "Crop the central size x size window.", Req("size", Int, AtLeastOne))
            with { Transform = Sizing(ImageSizeEffect.Crops, Augmenting("CenterCrop", Pass("size"))) with { Evaluate = Load("Augmentation.Evaluate.CenterCrop", Pass("size")) } };
        yield return E("resize", Transform, "Resize to size x size.", Req("size", Int, AtLeastOne))
            with { Transform = Sizing(ImageSizeEffect.Resizes, Augmenting("Resize", Pass("size"))) with { Evaluate = Load("Augmentation.Evaluate.Resize", Pass("size")) } };
        yield return E("translate", Transform, "Shift by up to a fraction of the size in each direction.", Req("fraction", Float, new NumericRange(0, 1)))
            with { Transform = Keeping(Augmenting("Translation", Pass("fraction", DataCallArgumentKind.Value, "0.0"), Pass("fraction", DataCallArgumentKind.Value, "0.0"))) };
        yield return E("color_jitter", Transform, "Random brightness, contrast, saturation and hue changes.",
            Opt("brightness", Float, F(0), NonNegative), Opt("contrast", Float, F(0), NonNegative),
            Opt("saturation", Float, F(0), NonNegative), Opt("hue", Float, F(0), new NumericRange(0, 0.5)))
            with { Transform = Keeping(Augmenting("ColorJitter",
                Pass("brightness", DataCallArgumentKind.Value, "0.0"), Pass("contrast", DataCallArgumentKind.Value, "0.0"),
                Pass("saturation", DataCallArgumentKind.Value, "0.0"), Pass("hue", DataCallArgumentKind.Value, "0.0"))) };
        yield return E("random_erasing", Transform, "Erase a random rectangle with probability p.", Opt("p", Float, F(0.5), Probability))
            with { Transform = Keeping(Augmenting("RandomErasing", Pass("p", DataCallArgumentKind.Value, "0.5"))) };

        // Augmentation policies: torchvision's operations and tables on images in [0, 1] (the trainer normalises after 'augment'), each image drawing its own.
        yield return E("autoaugment", Transform, "AutoAugment: each image gets one of the 25 two-step sub-policies learned on ImageNet, CIFAR-10 or SVHN, as torchvision's AutoAugment.",
            Keywords(Opt("policy", String, new KeywordValue("imagenet"), summary: "The data set the policy was learned on: imagenet, cifar10 or svhn.") with { Types = [] }, "imagenet", "cifar10", "svhn"))
            with { Transform = Keeping(Augmenting("AutoAugment", Pass("policy", DataCallArgumentKind.Keyword) with { EnumType = "HyperDsl.Runtime.Augmentation.AutoAugmentPolicy" })) };
        yield return E("randaugment", Transform, "RandAugment: ops random operations in a row, each at magnitude bin magnitude of 31 (0 to 30), as torchvision's RandAugment; both may be searched.",
            Opt("ops", Int, I(2), new NumericRange(1, 14), "How many operations each image gets in a row (torchvision's num_ops)."),
            Opt("magnitude", Int, I(9), new NumericRange(0, 30), "The magnitude bin of every operation, of torchvision's 31 (0 to 30)."))
            with { Transform = Keeping(Augmenting("RandAugment", Pass("ops", DataCallArgumentKind.Int, "2"), Pass("magnitude", DataCallArgumentKind.Int, "9"))) };
        yield return E("trivialaugment", Transform, "TrivialAugment: one random operation at a random magnitude per image, as torchvision's TrivialAugmentWide.")
            with { Transform = Keeping(Augmenting("TrivialAugment")) };
        yield return E("augmix", Transform, "AugMix: width chains of depth random operations (1 to 3 when -1) at magnitude bins below severity, mixed with the image, as torchvision's AugMix.",
            Opt("severity", Int, I(3), new NumericRange(1, 10), "The operations' magnitude bins are drawn below it (torchvision's severity, 1 to 10)."),
            Opt("width", Int, I(3), AtLeastOne, "How many chains are mixed (torchvision's mixture_width)."),
            Opt("depth", Int, I(-1), new NumericRange(-1, null), "Operations per chain; -1 draws 1 to 3 per chain (torchvision's chain_depth); 0 is refused (HYP4052).")
                with { Advise = (span, depth) => depth == 0 ? Diagnostics.CompilerDiagnostics.AugMixDepthZero(span) : null },
            Opt("alpha", Float, F(1), Positive, "The Dirichlet and Beta concentration of the mixing weights."))
            with { Tasks = [ClassificationTask], Transform = Keeping(Augmenting("AugMix",
                Pass("severity", DataCallArgumentKind.Int, "3"), Pass("width", DataCallArgumentKind.Int, "3"),
                Pass("depth", DataCallArgumentKind.Int, "-1"), Pass("alpha", DataCallArgumentKind.Double, "1.0"))) };

        // Batch-level mixes of images and labels: the trainer applies them after the per-image transforms and mixes the loss over both labels.
        yield return E("mixup", Transform, "mixup: each training batch blended with itself rolled by one, by a weight from Beta(alpha, alpha); the loss mixes the two labels alike. Last in 'augment' only.",
            Opt("alpha", Float, F(0.2), Positive, "The Beta distribution's concentration: small values keep most images nearly whole."))
            with { Tasks = [ClassificationTask], Transform = Keeping(Augmenting("Mixup", Pass("alpha", DataCallArgumentKind.Double, "0.2"))) with { MixesLabels = true } };
        yield return E("cutmix", Transform, "CutMix: with probability p, a box of each image's partner (the batch rolled by one) pasted in, of area about 1 - lambda with lambda from Beta(alpha, alpha); the loss weighs the labels by area. Under 'task segmentation' the partner's mask is pasted into the mask in the same box, and the loss is the per-pixel loss on the mixed masks. Last in 'augment' only.",
            Opt("alpha", Float, F(1), Positive, "The Beta distribution's concentration."),
            Opt("p", Float, F(1), Probability, "The probability that a batch is mixed."))
            with { Tasks = [ClassificationTask, SegmentationTask], Transform = Keeping(Augmenting("CutMix", Pass("alpha", DataCallArgumentKind.Double, "1.0"), Pass("p", DataCallArgumentKind.Double, "1.0"))) with { MixesLabels = true } };

        // ---- layers ----
        yield return Built(E("conv", Layer, "2-D convolution.",
            Req("out", Int, AtLeastOne), Opt("kernel", Int, I(3), AtLeastOne), Opt("stride", Int, I(1), AtLeastOne),
            Keywords(Opt("padding", Int, I(0), NonNegative), "same", "valid"), Opt("dilation", Int, I(1), AtLeastOne),
            Opt("groups", Int, I(1), AtLeastOne), Opt("bias", Bool, BoolValue.True),
            // Not ShapeFree: the mode changes no shape, parameters or FLOPs, but whether the padding fits depends on it, so the check walks each one.
            Keywords(Opt("padding_mode", String, new KeywordValue("zeros"), summary:
                "What the padding pixels hold: zeros, the image mirrored at its edge (reflect), the edge pixel repeated (replicate) or the opposite edge (circular); reflect needs padding below the input's smaller side, circular at most it, and with 'same' an odd kernel span.") with { Types = [], KeywordsChoosable = true },
                "zeros", "reflect", "replicate", "circular")),
            new ConvolutionShape(), "Conv", Positional("out"), Named("kernel"), Named("stride"), Named("padding", RuntimeArgumentKind.Padding), Named("dilation"), Named("groups"), Named("bias", RuntimeArgumentKind.Bool),
            Named("padding_mode", RuntimeArgumentKind.Keyword) with { Name = "paddingMode", EnumType = "TorchSharp.PaddingModes" });
        yield return Built(E("batchnorm", Layer, "Batch normalisation over channels (or features). `momentum` is PyTorch's: the weight of each new batch in the running statistics (default 0.1; Keras's momentum 0.9 is 0.1 here), so a value above 0.5 warns (HYP1108).",
            ShapeFree(Opt("momentum", Float, F(0.1), Probability,
                "PyTorch's convention: the weight of each new batch in the running statistics (Keras's momentum 0.9 is 0.1 here); above 0.5 warns.")
                with { Advise = (span, momentum) => momentum > 0.5 ? Diagnostics.CompilerDiagnostics.KerasMomentum(span, momentum) : null }),
            ShapeFree(Opt("eps", Float, F(1e-5), Positive))),
            new ChannelNormShape(), "BatchNorm", Named("momentum", RuntimeArgumentKind.Double), Named("eps", RuntimeArgumentKind.Double));
        yield return Built(E("relu", Layer, "max(0, x)."), new ElementwiseShape(), "Relu");
        yield return Built(E("gelu", Layer, "Gaussian error linear unit."), new ElementwiseShape(), "Gelu");
        yield return Built(E("silu", Layer, "x * sigmoid(x)."), new ElementwiseShape(), "Silu");
        yield return Built(E("tanh", Layer, "Hyperbolic tangent."), new ElementwiseShape(), "Tanh");
        yield return Built(E("sigmoid", Layer, "Logistic sigmoid."), new ElementwiseShape(), "Sigmoid");
        yield return Built(E("leaky_relu", Layer, "max(slope * x, x).", ShapeFree(Opt("slope", Float, F(0.01), NonNegative))), new ElementwiseShape(), "LeakyRelu", Named("slope", RuntimeArgumentKind.Double));
        yield return Built(E("relu6", Layer, "min(max(0, x), 6), as PyTorch's ReLU6 (MobileNetV2's activation)."), new ElementwiseShape(), "Relu6");
        yield return Built(E("hardswish", Layer, "x * relu6(x + 3) / 6, as PyTorch's Hardswish (MobileNetV3's activation)."), new ElementwiseShape(), "Hardswish");
        yield return Built(E("elu", Layer, "x for x > 0, alpha * (exp(x) - 1) otherwise, as PyTorch's ELU.", ShapeFree(Opt("alpha", Float, F(1), NonNegative))),
            new ElementwiseShape(), "Elu", Named("alpha", RuntimeArgumentKind.Double));
        yield return Built(E("mish", Layer, "x * tanh(softplus(x)), as PyTorch's Mish."), new ElementwiseShape(), "Mish");
        yield return Built(E("maxpool", Layer, "Max pooling.",
            Req("kernel", Int, AtLeastOne), Opt("stride", Int, null, AtLeastOne), Opt("padding", Int, I(0), NonNegative)),
            new PoolingShape(), "MaxPool", Positional("kernel"), Named("stride"), Named("padding"));
        yield return Built(E("avgpool", Layer, "Average pooling.",
            Req("kernel", Int, AtLeastOne), Opt("stride", Int, null, AtLeastOne), Opt("padding", Int, I(0), NonNegative)),
            new PoolingShape(), "AvgPool", Positional("kernel"), Named("stride"), Named("padding"));
        yield return Built(E("global_avgpool", Layer, "Average each channel over the whole map: CxHxW becomes C."), new GlobalPoolingShape(), "GlobalAvgPool");
        yield return Built(E("flatten", Layer, "CxHxW becomes C*H*W features."), new FlattenShape(), "Flatten");
        yield return Built(E("dropout", Layer, "Zero features with probability p while training.", ShapeFree(Opt("p", Float, F(0.5), new NumericRange(0, 1, MaxExclusive: true)))),
            new ElementwiseShape(), "Dropout", Named("p", RuntimeArgumentKind.Double));
        yield return Built(E("linear", Layer, "Fully connected layer.", Req("out", Int, AtLeastOne), Opt("bias", Bool, BoolValue.True)),
            new LinearShape(), "Linear", Positional("out"), Named("bias", RuntimeArgumentKind.Bool));
        foreach (var block in EfficientNetEntries())
        {
            yield return block;
        }

        // ---- dense prediction: upsampling, transposed convolutions, ASPP ----
        yield return Built(E("upsample", Layer, "Scale height and width by a whole factor, as PyTorch's nn.Upsample(scale_factor=scale): each pixel repeated (nearest) or interpolated bilinearly, corners not aligned (bilinear). No parameters.",
            Opt("scale", Int, I(2), AtLeastOne),
            ShapeFree(Keywords(Opt("mode", String, new KeywordValue("nearest"), summary: "How the new pixels are filled: each pixel repeated (nearest) or interpolated (bilinear).") with { Types = [], KeywordsChoosable = true },
                "nearest", "bilinear"))),
            new UpsampleShape(), "Upsample", Named("scale"), Named("mode", RuntimeArgumentKind.Keyword) with { EnumType = "HyperDsl.Runtime.Models.UpsamplingMode" });
        yield return Built(E("conv_transpose", Layer, "2-D transposed convolution, as PyTorch's nn.ConvTranspose2d: each side becomes (size - 1) * stride - 2 * padding + dilation * (kernel - 1) + output_padding + 1, so kernel 2 with stride 2 doubles it. output_padding must be below the stride or the dilation.",
            Req("out", Int, AtLeastOne), Opt("kernel", Int, I(3), AtLeastOne), Opt("stride", Int, I(1), AtLeastOne), Opt("padding", Int, I(0), NonNegative),
            Opt("output_padding", Int, I(0), NonNegative), Opt("dilation", Int, I(1), AtLeastOne), Opt("bias", Bool, BoolValue.True)),
            new TransposedConvolutionShape(), "ConvTranspose", Positional("out"), Named("kernel"), Named("stride"), Named("padding"),
            Named("output_padding") with { Name = "outputPadding" }, Named("dilation"), Named("bias", RuntimeArgumentKind.Bool));
        yield return Built(E("aspp", Layer, "DeepLab-v3's atrous spatial pyramid pooling, as torchvision's ASPP: a 1x1 branch, a 3x3 branch dilated by each rate, and an image-pooling branch (global average, 1x1, stretched back bilinearly), each conv + batchnorm + relu; joined along the channels, projected by a 1x1 conv + batchnorm + relu to 'out' channels, then dropout (torchvision's 0.5). Keeps the size. The pooled branch's batch norm sees one value per channel and image, so training needs batches of at least 2.",
            Req("out", Int, AtLeastOne), Opt("rates", IntList, new ListValue([I(6), I(12), I(18)]), summary: "The dilation of each 3x3 branch (DeepLab-v3 uses 6, 12, 18 at output stride 16; double them at 8)."),
            ShapeFree(Opt("dropout", Float, F(0.5), new NumericRange(0, 1, MaxExclusive: true)))),
            new AsppShape(), "Aspp", Positional("out"), Named("rates", RuntimeArgumentKind.IntList), Named("dropout", RuntimeArgumentKind.Double));

        // ---- backbones ----
        // torchvision's layouts: blocks per stage, and whether they are bottlenecks.
        foreach (var (depth, layout) in new (int, ResNetLayout)[]
        {
            (18, new([2, 2, 2, 2], false)), (34, new([3, 4, 6, 3], false)), (50, new([3, 4, 6, 3], true)),
            (101, new([3, 4, 23, 3], true)), (152, new([3, 8, 36, 3], true)),
        })
        {
            var resnet = Built(E($"resnet{depth}", Backbone, $"ResNet-{depth} (torchvision layout); weights from a local file, or random.",
                Opt("weights", String, null), Opt("classes", Int, I(1000), AtLeastOne)),
                "Backbone", Named("classes"), Named("weights", RuntimeArgumentKind.String));
            yield return resnet with { Runtime = resnet.Runtime! with { Leading = $"BackboneKind.ResNet{depth}" }, Layout = layout };
        }

        // The MobileNets' head is 'classifier'; each takes torchvision's width multiplier (width_mult).
        foreach (var (name, title, kind, layout) in new (string, string, string, BackboneLayout)[]
        {
            ("mobilenet_v2", "MobileNetV2", "MobileNetV2", MobileNetV2Layout.Torchvision),
            ("mobilenet_v3_small", "MobileNetV3-Small", "MobileNetV3Small", MobileNetV3Layout.Small),
            ("mobilenet_v3_large", "MobileNetV3-Large", "MobileNetV3Large", MobileNetV3Layout.Large),
        })
        {
            var widthMeaning = layout is MobileNetV2Layout
                ? "torchvision's width_mult: every channel count scaled, rounded to a multiple of 8."
                : "torchvision's width_mult: every block's channels, the first convolution's and the classifier's hidden layer scaled, rounded to a multiple of 8; the last convolution is six times the last block's.";
            var mobileNet = Built(E(name, Backbone, $"{title} (torchvision layout; head 'classifier'); weights from a local file, or random.",
                    Opt("weights", String, null), Opt("classes", Int, I(1000), AtLeastOne), Opt("width", Float, F(1), Positive, widthMeaning)),
                "Backbone", Named("classes"), Named("weights", RuntimeArgumentKind.String), Named("width", RuntimeArgumentKind.Double));
            yield return mobileNet with { Runtime = mobileNet.Runtime! with { Leading = $"BackboneKind.{kind}" }, Layout = layout };
        }

        // ---- losses ----
        const string Losses = "HyperDsl.Runtime.Training.LossFunction";
        yield return Made(E("cross_entropy", Loss, "Cross-entropy on logits, as PyTorch's CrossEntropyLoss; 'weights' gives each class its weight (one value per class).",
            Opt("label_smoothing", Float, F(0), new NumericRange(0, 1, MaxExclusive: true)), Opt("weights", FloatList, null) with { PerClass = true }),
            Losses, "CrossEntropy", Given("label_smoothing"), By("weights", "classWeights", FactoryArgumentKind.DoubleList));
        yield return Made(E("focal", Loss, "Focal loss (Lin et al.), multi-class: -alpha_t (1 - p_t)^gamma log p_t averaged over the batch; gamma 0 without alpha is cross-entropy. 'alpha' weights each class (one value per class).",
            Opt("gamma", Float, F(2), NonNegative), Opt("alpha", FloatList, null) with { PerClass = true }),
            Losses, "Focal", By("gamma", "gamma"), By("alpha", "alpha", FactoryArgumentKind.DoubleList));
        yield return Made(E("dice", Loss, "Soft Dice loss for 'task segmentation': 1 minus the mean over classes of (2 sum(p t) + smooth) / (sum(p) + sum(t) + smooth), p the softmax probabilities and t the one-hot masks over the batch's pixels that are not ignored.",
            Opt("smooth", Float, F(1), NonNegative)), Losses, "Dice", By("smooth", "smooth")) with { Tasks = [SegmentationTask] };
        yield return Made(E("sum", Loss, "A weighted sum of per-pixel losses for 'task segmentation', each at its defaults: sum(cross_entropy: 1.0, dice: w); a weight left out is 0, and at least one must be above 0.",
            Opt("cross_entropy", Float, F(0), NonNegative), Opt("dice", Float, F(0), NonNegative), Opt("focal", Float, F(0), NonNegative)),
            Losses, "Sum", By("cross_entropy", "crossEntropy"), By("dice", "dice"), By("focal", "focal"))
            with { Tasks = [SegmentationTask], SomeWeightAboveZero = ["cross_entropy", "dice", "focal"] };
        yield return Property(E("nll", Loss, "Negative log-likelihood on log-probabilities."), Losses, "Nll") with { Tasks = [ClassificationTask] };
        yield return Property(E("bce", Loss, "Binary cross-entropy on logits."), Losses, "BinaryCrossEntropy") with { Tasks = [ClassificationTask] };

        // ---- optimizers ----
        const string Optimizers = "HyperDsl.Runtime.Training.OptimizerSpec";
        var lr = Req("lr", Float, Positive);
        var decay = Opt("weight_decay", Float, F(0), NonNegative);
        yield return Made(E("sgd", Optimizer, "Stochastic gradient descent.", lr,
            Opt("momentum", Float, F(0), new NumericRange(0, 1, MaxExclusive: true)), Opt("nesterov", Bool, BoolValue.False), decay),
            Optimizers, "Sgd", Given("lr"), By("momentum", "momentum"), By("nesterov", "nesterov"), By("weight_decay", "weightDecay"))
            with { PositiveWhen = [("nesterov", "momentum")] };
        yield return Made(E("adam", Optimizer, "Adam.", lr, Opt("beta1", Float, F(0.9), OpenUnit), Opt("beta2", Float, F(0.999), OpenUnit), Opt("eps", Float, F(1e-8), Positive), decay),
            Optimizers, "Adam", Given("lr"), By("weight_decay", "weightDecay"), By("beta1", "beta1"), By("beta2", "beta2"), By("eps", "eps"));
        yield return Made(E("adamw", Optimizer, "Adam with decoupled weight decay.", lr, Opt("beta1", Float, F(0.9), OpenUnit), Opt("beta2", Float, F(0.999), OpenUnit), Opt("eps", Float, F(1e-8), Positive), Opt("weight_decay", Float, F(0.01), NonNegative)),
            Optimizers, "AdamW", Given("lr"), By("weight_decay", "weightDecay"), By("beta1", "beta1"), By("beta2", "beta2"), By("eps", "eps"));
        yield return Made(E("rmsprop", Optimizer, "RMSprop.", lr, Opt("alpha", Float, F(0.99), OpenUnit), Opt("momentum", Float, F(0), new NumericRange(0, 1, MaxExclusive: true)), decay),
            Optimizers, "RmsProp", Given("lr"), By("alpha", "alpha"), By("momentum", "momentum"), By("weight_decay", "weightDecay"));

        // ---- schedules ----
        const string Schedules = "HyperDsl.Runtime.Training.Schedule";
        yield return Property(E("constant", Schedule, "Keep the learning rate."), Schedules, "Constant");
        yield return Made(E("step", Schedule, "Multiply by gamma every so many epochs.",
            Types(Req("every", Epochs, AtLeastOne), Epochs, Steps), Opt("gamma", Float, F(0.1), OpenUnit)),
            Schedules, "Step", Given("every", FactoryArgumentKind.Length), By("gamma", "gamma")) with { Timing = new("every", "step interval") };
        var multistep = Made(E("multistep", Schedule, "Multiply by gamma at each milestone.",
            Types(Req("at", new ListType(Epochs)), new ListType(Epochs), new ListType(Steps)), Opt("gamma", Float, F(0.1), OpenUnit)),
            Schedules, "MultiStep", Given("at", FactoryArgumentKind.Milestones), By("gamma", "gamma")) with { Timing = new("at", "milestone") };
        yield return multistep with { Factory = multistep.Factory! with { StepsMember = "MultiStepAtSteps" } };
        yield return Made(E("exponential", Schedule, "Multiply by gamma every epoch.", Req("gamma", Float, OpenUnit)), Schedules, "Exponential", Given("gamma"));
        yield return Made(E("cosine", Schedule, "Cosine decay to min_lr over the remaining training.", Opt("min_lr", Float, F(0), NonNegative)), Schedules, "Cosine", Given("min_lr"));
        yield return Made(E("onecycle", Schedule, "One-cycle: up to max_lr, then down.", Req("max_lr", Float, Positive), Opt("warmup", Float, F(0.3), OpenUnit)),
            Schedules, "OneCycle", Given("max_lr"), By("warmup", "riseFraction"));
        yield return Made(E("plateau", Schedule, "Multiply by factor when the validation loss stops improving.",
            Opt("patience", Int, I(5), NonNegative), Opt("factor", Float, F(0.1), OpenUnit)),
            Schedules, "Plateau", By("patience", "patience", FactoryArgumentKind.Int), By("factor", "factor"));
        yield return Made(E("warmup", Schedule, "Ramp the learning rate up linearly to the rate that follows; compose with 'then'. With 'start', step 0 uses start x the rate (as PyTorch's LinearLR); without, step s of L uses (s + 1) / L of it.",
            Types(Req("duration", Epochs), Epochs, Steps), Opt("start", Float, null, new NumericRange(0, 1))),
            Schedules, "Warmup", Given("duration", FactoryArgumentKind.Length), Given("start", FactoryArgumentKind.Double)) with { Timing = new("duration", "warm-up", IsPhase: true) };
        yield return Made(E("cyclic", Schedule, "Cycle the rate between base_lr and max_lr, as PyTorch's CyclicLR: up over 'step', down over the next; 'triangular2' halves the height each cycle, 'exp_range' multiplies it by gamma every step. It sets the rate itself: the optimizer's lr is not used.",
            Req("base_lr", Float, Positive), Req("max_lr", Float, Positive), Types(Req("step", Epochs, AtLeastOne), Epochs, Steps),
            Keywords(Opt("mode", String, new KeywordValue("triangular")) with { Types = [] }, "triangular", "triangular2", "exp_range"),
            Opt("gamma", Float, F(1), new NumericRange(0, 1, MinExclusive: true))),
            Schedules, "Cyclic", Given("base_lr"), Given("max_lr"), Given("step", FactoryArgumentKind.Length), Chosen("mode", "mode", "HyperDsl.Runtime.Training.CyclicMode"), By("gamma", "gamma"))
            with { NotBelow = [("max_lr", "base_lr")] };
        yield return Made(E("cosine_restarts", Schedule, "Cosine decay to min_lr over 'period', then restart at the full rate, each period 'mult' times the last, as PyTorch's CosineAnnealingWarmRestarts.",
            Types(Req("period", Epochs, AtLeastOne), Epochs, Steps), Opt("mult", Int, I(1), AtLeastOne), Opt("min_lr", Float, F(0), NonNegative)),
            Schedules, "CosineRestarts", Given("period", FactoryArgumentKind.Length), By("mult", "mult", FactoryArgumentKind.Int), By("min_lr", "minLearningRate"));
        yield return Made(E("polynomial", Schedule, "Decay from the rate to end_lr over the remaining training along (1 - t)^power, as PyTorch's PolynomialLR (which ends at 0).",
            Opt("power", Float, F(1), Positive), Opt("end_lr", Float, F(0), NonNegative)),
            Schedules, "Polynomial", By("power", "power"), By("end_lr", "endLearningRate"));

        // ---- samplers ----
        const string Samplers = "HyperDsl.Runtime.Studies.SamplerChoice.";
        yield return E("grid", Sampler, "Every point of a finite space, in order.") with { Constructor = new(Samplers + "Grid"), Strategy = new(EnumeratesSpace: true) };
        yield return E("auto", Sampler, "Chosen when the spec is checked, from the study's shape ('hyp check' says which and why): nsga2 for several objectives and 200 trials or more; gp for two objectives over numeric parameters without a condition or choice and fewer trials (more than 10), tpe for other studies with several objectives; grid when the trials cover a finite space; sobol for 10 trials or fewer; gp for numeric parameters without a condition or choice up to 1,000 trials, cmaes beyond; gp for parameters with a when condition up to 1,000 trials (a model per branch); tpe otherwise (choices without conditions, conditions beyond 1,000 trials, or a timeout alone). The chosen sampler runs with its defaults.")
            with { Strategy = new() { Picks = AutoSampler.Pick } };
        yield return E("random", Sampler, "Independent uniform draws.") with { Constructor = new(Samplers + "Random") };
        yield return E("sobol", Sampler, "Quasi-random Sobol sequence.") with { Constructor = new(Samplers + "Sobol") };
        yield return E("tpe", Sampler, "Tree-structured Parzen estimator.",
            Opt("startup", Int, I(10), AtLeastOne), Opt("candidates", Int, I(24), AtLeastOne), Opt("multivariate", Bool, BoolValue.True)) with { Constructor = new(Samplers + "Tpe"), Strategy = new(StartupParameter: "startup") };
        yield return E("cmaes", Sampler, "CMA-ES over the numeric parameters without a condition (each normalised to [0, 1], log where the range is); categorical and conditional ones are drawn at random. One objective. 'sigma' is the first step size as a share of each range (default 1/6), 'population' the trials per generation (default 4 + 3 ln n), 'restarts' how often it may restart with twice the population when it converges or stalls, 'warm_start' starts from the best tenth of the trials a warm start copied.",
            Opt("sigma", Float, null, new NumericRange(0, 1, MinExclusive: true)), Opt("population", Int, null, new NumericRange(2, null)), Opt("restarts", Int, I(0), NonNegative), Opt("warm_start", Bool, BoolValue.True))
            with { Constructor = new(Samplers + "CmaEs"), Strategy = new(OneObjective: true, ModelsNumbersOnly: true) };
        yield return E("gp", Sampler, "Bayesian optimisation with a Gaussian process (as Optuna's GPSampler): a Matérn-5/2 kernel with a length scale per parameter over the parameters without a condition (numeric ones normalised to [0, 1], log where the range is, ints and steps on their grid; categorical ones compared for equality), fitted by marginal likelihood after 'startup' random complete trials; each trial goes where log expected improvement is highest. The parameters of each 'when' condition get a model of their own (one per branch, which Optuna's GPSampler does not have), fitted on the trials where the branch was active, over the branch's parameters and the values the trial already has, once the branch has as many complete trials as parameters plus two (at least 3); a choice that opens branches (when family == a) is chosen by the expected improvement each branch's model can still offer, not by the average of the branch's trials. Running, pruned and failed trials count as the worst value seen, so parallel workers spread out. Two objectives get a process each and log expected hypervolume improvement (exact); more, a random augmented Chebyshev scalarisation per trial (ParEGO). Candidates that break a 'require' constraint on parameters are never proposed. Best below a few hundred trials. 'deterministic_objective' fixes the noise at its floor for an objective without noise.",
            Opt("startup", Int, I(10), AtLeastOne), Opt("deterministic_objective", Bool, BoolValue.False))
            with { Constructor = new(Samplers + "Gp"), Strategy = new(StartupParameter: "startup", TrialsItHandlesWell: 1000) };
        yield return E("nsga2", Sampler, "NSGA-II, a genetic algorithm for one or several objectives: a random first generation of 'population' trials, then children of the best earlier trials (non-dominated sorting, crowding distance) by uniform crossover and random mutation ('mutation_prob: none' means 1 / the number of parameters). Pruned and failed trials count as dominated.",
            Opt("population", Int, I(50), new NumericRange(2, null)), Opt("crossover_prob", Float, F(0.9), Probability), Opt("mutation_prob", Float, null, Probability, "Default: 1 / the number of parameters."), Opt("swap_prob", Float, F(0.5), Probability))
            with { Constructor = new(Samplers + "Nsga2"), Strategy = new(GenerationParameter: "population") };

        yield return E("pbt", Sampler, "Population-based training: a population of 'population' trials, drawn at random, trains in intervals of 'interval' epochs; at each interval's end the worst 'fraction' of the members each take over the whole training state of one of the best 'fraction' (weights, optimizer state, schedule position, generators) and perturb its parameters within their domains (a number times 0.8 or 1.2 on its scale and step, an int one step, a choice to a neighbouring choice; with probability 'resample' drawn afresh), respecting 'when' conditions and 'require' constraints. Every sampled parameter must be one a trial can change between epochs (HYP4112). Each member's parameter schedule is stored with its trial (user attribute pbt_schedule); the population is the study's trials.",
            Opt("population", Int, I(8), new NumericRange(2, null)), Opt("interval", Int, I(2), AtLeastOne), Opt("fraction", Float, F(0.25), new NumericRange(0, 0.5, MinExclusive: true)), Opt("resample", Float, F(0.25), Probability))
            with { Constructor = new(Samplers + "Pbt"), Strategy = new(OneObjective: true, ChangesParametersMidTrial: true) };

        // ---- pruners ----
        const string Pruners = "HyperDsl.Runtime.Studies.PrunerChoice.";
        yield return E("none", Pruner, "Never prune.") with { Constructor = new(Pruners + "None") };
        yield return E("median", Pruner, "Prune a trial below the median of earlier trials at the same epoch.",
            Opt("startup", Int, I(5), NonNegative), Opt("warmup", Int, I(1), NonNegative)) with { Constructor = new(Pruners + "Median"), Strategy = new(FirstRungParameter: "warmup") };
        yield return E("asha", Pruner, "Asynchronous successive halving: rungs at min_epochs · reduction^k epochs. By default a trial reaching a rung goes on only if it is in the best 1/reduction of the trials that reached that rung so far, else it is stopped (pruned). With 'promote: true' (the promotion variant of the ASHA paper) trials pause at each rung (a checkpoint is written) and a free worker first resumes a paused trial that is in the best 1/reduction of its rung, else starts a new trial; trials never promoted end as pruned when the study ends.",
            Opt("min_epochs", Int, I(1), AtLeastOne), Opt("reduction", Int, I(3), new NumericRange(2, null)), Opt("promote", Bool, BoolValue.False)) with { Constructor = new(Pruners + "Asha"), Strategy = new(FirstRungParameter: "min_epochs") };
        yield return E("hyperband", Pruner, "Hyperband: several successive-halving brackets, from the most aggressive (first rung at min_epochs) to one without rungs, with each trial in one bracket (fixed by its number, in proportion to the brackets' budgets) competing only with the trials of its bracket. By default a trial below the best 1/reduction of its bracket's rung is stopped (pruned). With 'promote: true' each bracket is a promotion-based ASHA: trials pause at their bracket's rungs (a checkpoint is written) and a free worker first resumes a paused trial that is in the best 1/reduction of its bracket's rung, else starts a new trial; trials never promoted end as pruned when the study ends.",
            Opt("min_epochs", Int, I(1), AtLeastOne), Opt("reduction", Int, I(3), new NumericRange(2, null)), Opt("promote", Bool, BoolValue.False)) with { Constructor = new(Pruners + "Hyperband"), Strategy = new(FirstRungParameter: "min_epochs") };

        // ---- functions: each with its meaning (result type, value, runtime method) ----
        yield return Fn("min", "The smaller of two numbers.", new(false, a => Math.Min(a[0], a[1]), "Min"), Req("a", Float), Req("b", Float));
        yield return Fn("max", "The larger of two numbers.", new(false, a => Math.Max(a[0], a[1]), "Max"), Req("a", Float), Req("b", Float));
        yield return Fn("floor", "Round down to an int.", new(true, a => Math.Floor(a[0]), "Floor"), Req("x", Float));
        yield return Fn("ceil", "Round up to an int.", new(true, a => Math.Ceiling(a[0]), "Ceiling"), Req("x", Float));
        yield return Fn("round", "Round to the nearest int, halves away from zero.", new(true, a => Math.Round(a[0], MidpointRounding.AwayFromZero), "Round"), Req("x", Float));
        yield return Fn("abs", "Absolute value.", new(false, a => Math.Abs(a[0]), "Abs"), Req("x", Float));
    }

    private static IEnumerable<SettingSpec> BuildSettings()
    {
        var source = new ObjectType(DataSource);
        var transform = new ObjectType(Transform);
        SettingSpec Data(string name, bool required, string summary, params ArgSpec[] args) => new(name, SectionKind.Data, [.. args], false, required, summary);
        SettingSpec Train(string name, bool required, string summary, params ArgSpec[] args) => new(name, SectionKind.Train, [.. args], false, required, summary);
        SettingSpec Tune(string name, bool required, string summary, params ArgSpec[] args) => new(name, SectionKind.Tune, [.. args], false, required, summary) { FixedForStudy = true };

        yield return Data("task", false, "What the model learns: 'classification' (the default; one label per image) or 'segmentation' (a class per pixel: masks from segmentation_folder, a classes x H x W output, val_miou and val_pixel_accuracy). 'detection' is refused for now (HYP5022).",
            Keywords(Req("task", String) with { Types = [] }, [.. Tasks.Select(t => t.Name)]));
        yield return Data("source", true, "Where the training images come from.", Req("source", source)) with { Example = "source fashion_mnist()" };
        yield return Data("validation", false, "The validation split: a share of the training data, or a source of its own.",
            Types(Req("split", Percent), Percent, Float, source));
        yield return Data("test", false, "A test source, evaluated once at the end.", Req("source", source));
        yield return Data("input", false, "The input shape [channels, height, width] when the source does not fix it.", Req("shape", IntList));
        yield return Data("resize", false, "Resize every image to size x size before anything else.", Types(Req("size", Int, AtLeastOne), Int, IntList));
        yield return Data("classes", false, "The number of classes, when the source does not say.", Req("count", Int, new NumericRange(2, null)));
        yield return Data("normalize", false, "Per-channel normalisation: mean and std, 'imagenet', 'auto' (from the training split) or 'none'.",
            Keywords(Opt("preset", String, null) with { Types = [] }, [.. NormalizePresets.All.Select(p => p.Name)]), Opt("mean", FloatList, null), Opt("std", FloatList, null))
            with { Forms = [["preset"], ["mean", "std"]] };
        yield return new("augment", SectionKind.Data, [Req("transform", transform)], true, false, "Training-only transforms, applied in order.");
        yield return new("evaluate", SectionKind.Data, [Req("transform", transform)], true, false, "Transforms for validation and test images.");

        yield return Train("epochs", true, "How many passes over the training data a trial makes.", Req("count", Int, AtLeastOne)) with { Example = "epochs 10" };
        yield return Train("batch", false, "Images per optimizer step (default 64).", Req("size", Int, AtLeastOne));
        yield return Train("loss", false, "The loss function.", Req("loss", new ObjectType(Loss)));
        yield return Train("optimizer", true, "The optimizer.", Req("optimizer", new ObjectType(Optimizer))) with { Example = "optimizer adam(lr: 1e-3)" };
        yield return Train("schedule", false, "The learning-rate schedule; compose with 'then'.", Req("schedule", new ObjectType(Schedule)));
        yield return Train("clip", false, "Clip the gradient norm to this value.", Req("norm", Float, Positive));
        yield return Train("early_stop", false, "Stop a trial when a metric stops improving.",
            Req("metric", String) with { Types = [], Keywords = ReportedMetrics, IsMetric = true }, Opt("patience", Int, I(3), AtLeastOne), Opt("min_delta", Float, F(0), NonNegative));
        yield return Train("metrics", false, "Extra metrics to report each epoch.",
            Req("metric", String) with { Types = [], Keywords = [.. ExtraMetrics.Select(m => m.Name)], Variadic = true });
        yield return Train("lr_scale", false, "Multiply the learning rate of every layer except the named ones (e.g. a new head).",
            Req("factor", Float, Positive), Opt("except", new ListType(String), null) with { TakesLayerNames = true });
        yield return Train("device", false, "Where trials train: 'auto' picks CUDA when present; 'cuda: N' names a GPU, and several ('cuda: 0, cuda: 1') give one parallel trial each.",
            Keywords(Opt("device", String, null) with { Types = [] }, "auto", "cpu", "cuda"),
            Opt("cuda", Int, null, NonNegative) with { Variadic = true });
        yield return Train("precision", false, "The number format of training steps: 'fp32' (the default), 'bf16' or 'fp16': forward and backward passes in bfloat16 or float16 against fp32 master weights (fp16 with a dynamic loss scale, and on CUDA only). Validation runs in the same format; saved weights are fp32.",
            Keywords(Req("precision", String) with { Types = [] }, "fp32", "bf16", "fp16")) with { Example = "precision bf16" };
        yield return Train("threads", false, "CPU threads per trial.", Req("count", Int, AtLeastOne));
        yield return Train("seed", false, "The seed of a trial's initialisation and data order.", Req("seed", Int, NonNegative)) with { FixedForStudy = true };

        yield return Tune("objective", true, "What the study optimizes.", Req("metric", String)) with { Example = "objective maximize val_accuracy" };
        yield return Tune("try", false, "A point evaluated before the sampler takes over.", Req("point", String));
        yield return Tune("sampler", false, "The search strategy (default: tpe).", Req("sampler", new ObjectType(Sampler)));
        yield return Tune("trials", false, "How many trials to run.", Req("count", Int, AtLeastOne));
        yield return Tune("timeout", false, "Stop starting trials after this long.", Req("duration", DurationType.Instance));
        yield return Tune("pruner", false, "Stop weak trials early.", Req("pruner", new ObjectType(Pruner)));
        yield return Tune("parallel", false, "Trials run at once on this machine.", Req("count", Int, AtLeastOne));
        yield return Tune("seed", false, "The seed of the sampler.", Req("seed", Int, NonNegative));
        yield return Tune("storage", false, "Where the study is stored (a SQLite file by default).", Req("uri", String));
    }
}
