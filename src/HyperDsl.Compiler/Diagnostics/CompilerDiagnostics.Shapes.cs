using System.Globalization;
using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Compiler.Diagnostics;

/// <summary>
/// The message builders of the shape check: the data pipeline's image sizes, the model walked at
/// a point of the space (<c>Checking/ShapeWalker</c>) and the catalogue's shape rules
/// (<c>Catalog/Shapes</c>). A message that ends without a period is about one point of the space:
/// the shape checker completes it with the point where it fails (", when depth = 3.").
/// </summary>
public static partial class CompilerDiagnostics
{
    private static string ShapePlural(long count, string noun) => $"{noun}{(count == 1 ? "" : "s")}";

    private static string ShapeThousands(ulong count) => count.ToString("N0", CultureInfo.InvariantCulture);

    // ---- the data pipeline ----

    /// <summary>HYP3001 at a source whose shape argument is neither [channels, height, width] nor [height, width].</summary>
    internal static Diagnostic SourceShapeLength(SourceSpan span, string source, string shape) =>
        new(ArgumentOutOfRangeDescriptor, span, $"'{source}' needs a shape of [channels, height, width], but got {shape}.", null);

    /// <summary>HYP3112 at the data source (or the experiment): nothing says how large the images are.</summary>
    internal static Diagnostic UnknownInputShape(SourceSpan span) =>
        new(UnknownInputShapeDescriptor, span,
            "The size of the input images is not known, so the model's shapes cannot be checked.",
            "Add 'resize 224' (or 'input [3, 224, 224]') to the data section.");

    /// <summary>
    /// HYP3117 at the evaluate block (or the augment block when there is none): training images
    /// come out <paramref name="trained"/> (height, width), validation and test ones <paramref name="evaluated"/>.
    /// </summary>
    internal static Diagnostic EvaluationSize(SourceSpan span, (long Height, long Width) trained, (long Height, long Width) evaluated, bool hasAugment, bool hasEvaluate)
    {
        var (h, w) = trained;
        var (eh, ew) = evaluated;
        return new(EvaluationSizeDescriptor, span,
            !hasEvaluate
                ? $"The augment block makes training images {h}x{w}, but validation and test images stay {eh}x{ew}: no evaluate block brings them to the size the model is trained at."
                : $"Training images are {h}x{w}{(hasAugment ? " after the augment block" : "")}, but the evaluate block makes validation and test images {eh}x{ew}.",
            h != w
                ? "Take the crop or resize out of the evaluate block, or crop training images to the same square size in the augment block."
                : !hasEvaluate
                    ? $"Add 'evaluate {{ center_crop({h}) }}' (or 'resize({h})') to the data section, so that evaluation sees what training sees."
                    : $"End the evaluate block at {h}x{w}, with 'center_crop({h})' or 'resize({h})'.");
    }

    /// <summary>HYP3107 at a crop (<paramref name="transform"/> as written) larger than the <paramref name="height"/>x<paramref name="width"/> images it gets, padded by <paramref name="padding"/>.</summary>
    internal static Diagnostic CropLargerThanImage(SourceSpan span, string transform, long size, long? height, long? width, long padding) =>
        new(CropLargerThanImageDescriptor, span,
            $"'{transform}' crops {size}x{size} out of {height}x{width} images" + (padding > 0 ? $" padded by {padding}" : "") + ".",
            "Crop at most the image size, or resize the images first.");

    /// <summary>HYP4020 at a transform's range argument that is a list of other than two values.</summary>
    internal static Diagnostic TransformRangeLength(SourceSpan span, string transform, string parameter, int count, string values, bool takesOneNumber) =>
        new(TransformRangeLengthDescriptor, span,
            $"'{transform}' takes '{parameter}' as a range [low, high], but it has {count} {ShapePlural(count, "value")}: {values}.",
            takesOneNumber ? "Give two values, the lowest and the highest, or one number." : "Give two values, the lowest and the highest.");

    /// <summary>HYP4014 at a normalisation preset whose fixed <paramref name="statistics"/> are for another number of channels.</summary>
    internal static Diagnostic PresetNormalizationChannels(SourceSpan span, string preset, string statistics, long channels) =>
        new(ImageNetNormalizationChannelsDescriptor, span,
            $"'normalize {preset}' gives {statistics}, but the images have {channels} {ShapePlural(channels, "channel")}.",
            channels == 1
                ? "Use 'normalize auto' (computed from the training split), give 'normalize mean: [m], std: [s]', or load the images with 3 channels ('image_folder(dir, channels: 3)')."
                : $"Use 'normalize auto', or give one mean and std per channel ({channels}).");

    /// <summary>HYP3106 at the first of 'mean' and 'std' whose number of values (<paramref name="wrong"/>, by argument) is not the images' channels.</summary>
    internal static Diagnostic NormalizationLength(SourceSpan span, IReadOnlyList<(string Argument, int Count)> wrong, long channels)
    {
        var described = string.Join(" and ", wrong.Select(w => $"'{w.Argument}' has {w.Count} {ShapePlural(w.Count, "value")}"));
        return new(NormalizationLengthDescriptor, span,
            $"{char.ToUpperInvariant(described[0])}{described[1..]}, but the images have {channels} {ShapePlural(channels, "channel")}.",
            $"Give one value per channel ({channels}) to both 'mean' and 'std'.");
    }

    /// <summary>HYP3118 at a loss's per-class list (class weights) of another length than the model's outputs.</summary>
    internal static Diagnostic PerClassLength(SourceSpan span, string parameter, string loss, int count, long classes) =>
        new(PerClassLengthDescriptor, span,
            $"'{parameter}' of '{loss}' gives {count} {ShapePlural(count, "value")}, but the model has {classes} outputs, one per class.",
            $"Give one value per class ({classes}).");

    // ---- the model as a whole ----

    /// <summary>
    /// HYP2106 at the top-level statement that unrolls to the most: the model passes <paramref name="limit"/>
    /// steps, or (<paramref name="loopRuns"/>) one loop alone runs more times than are left.
    /// </summary>
    internal static Diagnostic ModelTooLarge(SourceSpan span, long limit, ulong? loopRuns)
    {
        var most = $"{ShapeThousands((ulong)limit)} layers, block uses, loop iterations and branches";
        return new(ModelTooLargeDescriptor, span,
            loopRuns is { } runs
                ? $"A loop here runs {ShapeThousands(runs)} times, and a model may unroll to at most {most}"
                : $"The model unrolls to more than {most}, the most of them here",
            "Use fewer or shorter loops, or blocks that repeat fewer blocks; search a depth with a parameter of a smaller range, such as 'depth ~ int(1, 50)'.");
    }

    /// <summary>HYP3115 at the last 'freeze', after which nothing of the model is trainable; <paramref name="head"/> is the backbone's head path.</summary>
    internal static Diagnostic NothingTrainableAfterFreeze(SourceSpan span, string head) =>
        new(NoTrainableParametersDescriptor, span,
            "After this 'freeze' no parameter of the model is trainable, so training would change nothing",
            $"Freeze all but the head ('freeze all except {head}'), or replace the head after freezing ('replace {head} with linear(classes)' after 'freeze all'): a new layer is trainable.");

    /// <summary>HYP3115 at the model's last statement: no layer has parameters.</summary>
    internal static Diagnostic NoTrainableParameters(SourceSpan span) =>
        new(NoTrainableParametersDescriptor, span,
            "The model has no layer with parameters, so training would change nothing",
            "Add a layer with weights, such as 'linear(classes)' at the end.");

    /// <summary>HYP3170 where a segmentation model ends (its last statement or backbone) with <paramref name="output"/> instead of <paramref name="expected"/>.</summary>
    internal static Diagnostic SegmentationOutput(SourceSpan span, string task, string output, bool outputIsMap, string expected, long inputHeight, long inputWidth, bool keepsInputSize, long classes) =>
        new(SegmentationOutputDescriptor, span,
            $"The model ends with {(outputIsMap ? "a " + output + " feature map" : output + " features")}, but 'task {task}' needs a score per class at every pixel of the {inputHeight}x{inputWidth} input: {expected}",
            keepsInputSize
                ? $"End the model with 'conv(out: {classes}, kernel: 1)'."
                : $"Keep the input's size (convolutions with padding: same, no pooling or strides, or bring it back up) and end with 'conv(out: {classes}, kernel: 1)'.");

    /// <summary>HYP3105 where a classifier ends with a <paramref name="map"/> feature map instead of one output per class.</summary>
    internal static Diagnostic OutputIsFeatureMap(SourceSpan span, string map, long classes) =>
        new(OutputClassMismatchDescriptor, span,
            $"The model ends with a {map} feature map, but it must end with one output per class ({classes})",
            $"End the model with 'flatten' (or 'global_avgpool') and 'linear({classes})'.");

    /// <summary>HYP3105 where a classifier ends with <paramref name="outputs"/> outputs for <paramref name="classes"/> classes; <paramref name="head"/> is the backbone's head path, if it has one.</summary>
    internal static Diagnostic OutputClassMismatch(SourceSpan span, long outputs, long classes, string? head) =>
        new(OutputClassMismatchDescriptor, span,
            $"The model ends with {outputs} outputs, but the data has {classes} classes",
            head is not null ? $"Add 'replace {head} with linear({classes})' after the backbone." : $"Make the last layer 'linear({classes})'.");

    // ---- statements ----

    /// <summary>HYP3108 at a residual whose body turns <paramref name="input"/> into <paramref name="output"/>, which its shortcut cannot match.</summary>
    internal static Diagnostic ResidualShape(SourceSpan span, string input, string output, bool withoutProjection) =>
        new(ResidualShapeDescriptor, span,
            $"The residual body turns {input} into {output}, which a shortcut {(withoutProjection ? "without projection" : "with a strided 1x1 projection")} cannot match",
            "Keep the body's output the same size as its input, or change the resolution only by a stride.");

    /// <summary>HYP3160 at 'add name' whose saved tensor (<paramref name="saved"/>, on <paramref name="line"/>) has another shape than <paramref name="current"/>.</summary>
    internal static Diagnostic SkipAddMismatch(SourceSpan span, string name, int line, string saved, string current) =>
        new(SkipShapeMismatchDescriptor, span,
            $"'add {name}' sums the tensor saved as '{name}' on line {line} ({saved}) with a {current} one; a sum needs one shape",
            "Bring both to the same channels and size (a 1x1 'conv(out: ...)' changes the channels, a stride or 'upsample' the size), or join them with 'concat'.");

    /// <summary>HYP3160 at 'concat name' of two feature maps of different sizes; <paramref name="savedSize"/> is the saved one's height x width.</summary>
    internal static Diagnostic SkipConcatSizeMismatch(SourceSpan span, string name, int line, string saved, string current, string savedSize) =>
        new(SkipShapeMismatchDescriptor, span,
            $"'concat {name}' joins the {saved} feature map saved as '{name}' on line {line} to a {current} one; maps are joined along the channels, so their heights and widths must be equal",
            $"Make the map {savedSize} before the concat: 'upsample(scale: 2)' or 'conv_transpose(..., kernel: 2, stride: 2)' doubles a size exactly, a stride or 'maxpool(2)' halves it.");

    /// <summary>HYP3160 at 'concat name' that joins a feature map and features.</summary>
    internal static Diagnostic SkipConcatKindMismatch(SourceSpan span, string name, int line, string saved, string current) =>
        new(SkipShapeMismatchDescriptor, span,
            $"'concat {name}' joins the tensor saved as '{name}' on line {line} ({saved}) to a {current} one; a feature map joins only a feature map, and features only features",
            $"Save '{name}' and concat it on the same side of 'flatten' or 'global_avgpool'.");

    // ---- backbones, freeze, replace and lr_scale ----

    /// <summary>HYP3102 at a backbone given images of other than 3 channels.</summary>
    internal static Diagnostic BackboneNeedsRgb(SourceSpan span, string backbone, long channels) =>
        new(ChannelMismatchDescriptor, span,
            $"'{backbone}' expects 3-channel (RGB) images, but the data has {channels} {ShapePlural(channels, "channel")}.",
            "Use a source with RGB images, or build the model from layers.");

    /// <summary>HYP3101 at a backbone whose layers cannot take images this small (<paramref name="failure"/> says which).</summary>
    internal static Diagnostic BackboneInputTooSmall(SourceSpan span, string backbone, string failure) =>
        new(KernelLargerThanInputDescriptor, span, $"'{backbone}' {failure}", "Use larger images (resize 224 is the usual size).");

    /// <summary>HYP5006 at a backbone, 'freeze' or 'replace' (<paramref name="what"/>, quoted) inside a loop or residual body.</summary>
    internal static Diagnostic BackboneNested(SourceSpan span, string what) =>
        new(BackboneNestedDescriptor, span,
            $"{what} is inside a 'for' loop or a 'residual' body, where it is not generated.",
            "Put backbones, 'freeze' and 'replace' at the model's top level, or in an 'if' or 'match' there (directly or through a block).");

    /// <summary>HYP3110 at a 'replace' with no backbone before it.</summary>
    internal static Diagnostic ReplaceWithoutBackbone(SourceSpan span) =>
        new(UnknownLayerPathDescriptor, span,
            "'replace' names a layer of a backbone, but no backbone (such as resnet18) comes before it.", null);

    /// <summary>HYP3110 at a replaced path that is not the backbone's head.</summary>
    internal static Diagnostic ReplaceNotHead(SourceSpan span, string backbone, string head, string path) =>
        new(UnknownLayerPathDescriptor, span,
            $"Only the classification head '{head}' of '{backbone}' can be replaced, not '{path}'.", $"Write 'replace {head} with linear(classes)'.");

    /// <summary>HYP5007 at a replacement (<paramref name="replacement"/> as written) that is not one built-in layer.</summary>
    internal static Diagnostic ReplacementNotLayer(SourceSpan span, string replacement, string head) =>
        new(ReplacementNotLayerDescriptor, span,
            $"'{replacement}' is not a single built-in layer, and 'replace' swaps one layer for one layer.",
            $"Replace '{head}' with one layer (such as 'linear(2)'), and put further layers after the 'replace'.");

    /// <summary>HYP3114 at a 'replace' after layers that already take the replaced head's output.</summary>
    internal static Diagnostic ReplaceAfterLayers(SourceSpan span, string backbone, string head) =>
        new(ReplaceAfterLayersDescriptor, span,
            $"'replace {head}' comes after layers that already take the output of the head of '{backbone}', so they would no longer fit it.",
            $"Put 'replace {head} with ...' right after the backbone, before the layers that follow it.");

    /// <summary>HYP3110 at a 'freeze' with no backbone before it.</summary>
    internal static Diagnostic FreezeWithoutBackbone(SourceSpan span) =>
        new(UnknownLayerPathDescriptor, span,
            "'freeze' names layers of a backbone, but no backbone (such as resnet18) comes before it.", "Put the backbone first, then freeze its layers.");

    /// <summary>HYP3110 at a layer path (in 'freeze' or 'lr_scale') that the backbone lacks; <paramref name="suggestion"/> is the closest name's help, if any.</summary>
    internal static Diagnostic NoSuchBackboneLayer(SourceSpan span, string backbone, string path, string? suggestion, IEnumerable<string> layers) =>
        new(UnknownLayerPathDescriptor, span, $"'{backbone}' has no layer '{path}'.",
            suggestion ?? $"Its layers are {string.Join(", ", layers)}.");

    /// <summary>HYP3110 at a layer that 'lr_scale' excepts in a model without a backbone.</summary>
    internal static Diagnostic LearningRateScaleWithoutBackbone(SourceSpan span, string layer) =>
        new(UnknownLayerPathDescriptor, span,
            $"'lr_scale' names the layer '{layer}', but only a backbone's layers have names and the model has no backbone.", null);

    // ---- the catalogue's shape rules (the layer as written is quoted) ----

    /// <summary>HYP3111 at a layer that needs a feature map but gets <paramref name="features"/> features.</summary>
    internal static Diagnostic FeaturesIntoMapLayer(SourceSpan span, string layer, long features) =>
        new(FeaturesIntoMapLayerDescriptor, span,
            $"'{layer}' needs a feature map, but it receives {features} features after 'flatten' or pooling",
            "Move convolutions and pooling before 'flatten'.");

    /// <summary>HYP3103 at a linear layer that gets a <paramref name="map"/> feature map.</summary>
    internal static Diagnostic FeatureMapIntoLinear(SourceSpan span, string layer, string map) =>
        new(FeatureMapIntoLinearDescriptor, span,
            $"'{layer}' receives a {map} feature map, but a linear layer needs a vector of features",
            "Add 'flatten' (or 'global_avgpool') before it.");

    /// <summary>HYP3001 at an ASPP head whose dilation rates are empty or below 1.</summary>
    internal static Diagnostic AsppRates(SourceSpan span, string layer, IEnumerable<long> rates) =>
        new(ArgumentOutOfRangeDescriptor, span,
            $"'{layer}' needs at least one rate, each at least 1, but its rates are [{string.Join(", ", rates)}]",
            "Give dilation rates such as [6, 12, 18] (DeepLab-v3 at output stride 16).");

    /// <summary>HYP3109 at a convolution with 'same' padding and a stride; <paramref name="halfReach"/> is the padding that would fit its kernel.</summary>
    internal static Diagnostic SamePaddingStride(SourceSpan span, string layer, long stride, long halfReach) =>
        new(SamePaddingStrideDescriptor, span, $"'{layer}' asks for 'same' padding with stride {stride}; 'same' keeps the size, which only stride 1 can.",
            $"Use padding: {halfReach} with the stride, or stride 1.");

    /// <summary>HYP3131 at a convolution with 'same' padding, a padding mode other than zeros and a kernel spanning an even <paramref name="reach"/>.</summary>
    internal static Diagnostic PaddingModeEvenSame(SourceSpan span, string layer, string mode, long reach, long kernel) =>
        new(PaddingModeEvenSameDescriptor, span,
            $"'{layer}' asks for 'same' padding with padding_mode {mode}, but its kernel spans {reach} pixels; only an odd span pads both sides alike, which {mode} needs",
            $"Use an odd kernel (kernel: {kernel + 1}), give the padding in pixels, or padding_mode: zeros.");

    /// <summary>HYP3130 at a convolution that pads a <paramref name="map"/> (height x width) map wider than reflect or circular padding can.</summary>
    internal static Diagnostic PaddingModeTooWide(SourceSpan span, string layer, long padding, string mode, string map, long smallest)
    {
        var limit = mode == "reflect" ? "padding below" : "padding of at most";
        var most = mode == "reflect" ? smallest - 1 : smallest;
        return new(PaddingModeTooWideDescriptor, span,
            $"'{layer}' pads {padding} {ShapePlural(padding, "pixel")} with padding_mode {mode} on a {map} feature map; {mode} needs {limit} the map's smaller side ({smallest})",
            $"Pad {mode} by at most {most} here, downsample less before this layer, or use padding_mode: replicate or zeros.");
    }

    /// <summary>HYP3102 at a grouped convolution whose groups do not divide both channel counts.</summary>
    internal static Diagnostic GroupsDoNotDivideChannels(SourceSpan span, string layer, long groups, long inputChannels, long outputChannels) =>
        new(ChannelMismatchDescriptor, span,
            $"'{layer}' splits into {groups} groups, which must divide both its {inputChannels} input and {outputChannels} output channels",
            "Choose groups that divide both channel counts (1 always does).");

    /// <summary>HYP3101 at a convolution whose (dilated) kernel is larger than the <paramref name="map"/> (height x width) map it gets, padded by <paramref name="padding"/>.</summary>
    internal static Diagnostic KernelLargerThanInput(SourceSpan span, string layer, string map, long padding, long reach, bool dilated) =>
        new(KernelLargerThanInputDescriptor, span,
            $"'{layer}' receives a {map} feature map{(padding > 0 ? $" (padded by {padding})" : "")}, smaller than its {reach}x{reach} kernel{(dilated ? " (dilated)" : "")}",
            "Use a smaller kernel, pad the input ('padding: same'), or downsample less before this layer.");

    /// <summary>HYP3140 at an inverted residual block with an even kernel.</summary>
    internal static Diagnostic BlockEvenKernel(SourceSpan span, string layer, long kernel) =>
        new(BlockEvenKernelDescriptor, span,
            $"'{layer}' has an even kernel ({kernel}); the block pads its depthwise convolution by (kernel - 1) / 2, which keeps the map's size only for an odd kernel",
            $"Use an odd kernel (kernel: {kernel + 1} or {kernel - 1}).");

    /// <summary>HYP3116 at a pooling layer padded by more than half its window.</summary>
    internal static Diagnostic PoolPadding(SourceSpan span, string layer, long padding, long kernel) =>
        new(PoolPaddingDescriptor, span,
            $"'{layer}' pads by {padding}, more than half its {kernel}x{kernel} window, which PyTorch's pooling refuses",
            $"Use a padding of at most {kernel / 2}.");

    /// <summary>HYP3104 at a pooling layer whose window is larger than the <paramref name="map"/> (height x width) map it gets.</summary>
    internal static Diagnostic PoolLargerThanInput(SourceSpan span, string layer, string map, long kernel) =>
        new(PoolLargerThanInputDescriptor, span,
            $"'{layer}' receives a {map} feature map, smaller than its {kernel}x{kernel} window",
            "Lower the upper bound of the parameter that adds pooling layers, or remove a pooling layer.");

    /// <summary>HYP3161 at a transposed convolution whose output_padding is not below its stride or dilation.</summary>
    internal static Diagnostic TransposedOutputPadding(SourceSpan span, string layer, long outputPadding, long stride, long dilation) =>
        new(TransposedConvolutionSizeDescriptor, span,
            $"'{layer}' has output_padding {outputPadding}, but PyTorch needs it below the stride ({stride}) or the dilation ({dilation})",
            stride > 1 ? $"Use an output_padding of at most {Math.Max(stride, dilation) - 1}." : "Leave output_padding at 0, or use it with a stride: it picks among the sizes a stride can give.");

    /// <summary>HYP3161 at a transposed convolution whose padding crops away its whole output of a <paramref name="map"/> (height x width) map.</summary>
    internal static Diagnostic TransposedCropsEverything(SourceSpan span, string layer, string map, long padding) =>
        new(TransposedConvolutionSizeDescriptor, span,
            $"'{layer}' receives a {map} feature map and crops {padding} {ShapePlural(padding, "pixel")} from each side of its output, which leaves nothing",
            "Use less padding, or a larger kernel or stride.");

    // ---- the shape checker ----

    /// <summary>
    /// HYP3001, never shown: a point with an argument out of its range cannot be built, which the
    /// argument range check reports at the argument; the shape check only leaves the point out.
    /// </summary>
    internal static Diagnostic PointOutOfRange(SourceSpan layer) => new(ArgumentOutOfRangeDescriptor, layer, "", null);

    /// <summary>What a shape failure made by an exception's standard constructor carries (the checker never makes one).</summary>
    internal static Diagnostic UnexplainedShapeFailure(string message) => new(ChannelMismatchDescriptor, default, message, null);

    /// <summary>
    /// A value that could not be computed while walking a point (<paramref name="descriptor"/> is the
    /// evaluation's: a division by zero, an int that is not whole...), with the point it fails at
    /// (<paramref name="when"/>, ", when depth = 3" or empty).
    /// </summary>
    internal static Diagnostic ShapeEvaluationFailed(SourceSpan span, DiagnosticDescriptor descriptor, string problem, string when) =>
        new(descriptor, span, char.ToUpperInvariant(problem[0]) + problem[1..] + when + ".",
            descriptor == NotWholeNumberDescriptor ? "Divide by a float (2.0) to get a float, and round it to an int with floor(...), ceil(...) or round(...) where an int is needed: floor(width / 3.0)." : null);
}
