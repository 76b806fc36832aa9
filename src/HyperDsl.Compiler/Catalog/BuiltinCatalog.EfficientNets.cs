using HyperDsl.Compiler.Catalog.Shapes;
using HyperDsl.Compiler.Semantics;
using static HyperDsl.Compiler.Catalog.EntryKind;

namespace HyperDsl.Compiler.Catalog;

/// <summary>
/// The layers of hand-written efficient networks (MobileNets, EfficientNets): separable convolutions,
/// squeeze-and-excitation and inverted residual blocks; and the EfficientNet-B0 backbone.
/// </summary>
public static partial class BuiltinCatalog
{
    private const string Models = "HyperDsl.Runtime.Models";

    private static IEnumerable<CatalogEntry> EfficientNetEntries()
    {
        yield return Built(E("separable_conv", Layer,
            "Depthwise-separable convolution, as Keras's SeparableConv2D: a depthwise kernel x kernel convolution (one filter per input channel, no bias), then a pointwise 1x1 convolution to `out` channels (with bias unless `bias: false`). No batch norm or activation inside: add them after it. `padding` means what it means for conv (`same` needs stride 1).",
            Req("out", Int, AtLeastOne), Opt("kernel", Int, I(3), AtLeastOne), Opt("stride", Int, I(1), AtLeastOne),
            Keywords(Opt("padding", Int, new KeywordValue("same"), NonNegative), "same", "valid"), Opt("dilation", Int, I(1), AtLeastOne),
            Opt("bias", Bool, BoolValue.True)),
            new SeparableConvolutionShape(), "SeparableConv", Positional("out"), Named("kernel"), Named("stride"), Named("padding", RuntimeArgumentKind.Padding),
            Named("dilation"), Named("bias", RuntimeArgumentKind.Bool));

        yield return Built(E("squeeze_excite", Layer,
            "Squeeze-and-excitation (Hu et al.), shape-preserving: each channel's mean over the map, a 1x1 convolution to max(1, C / reduction) channels (C // reduction, rounded down), ReLU, a 1x1 convolution back to C, the gate, and the input scaled by it per channel. Both convolutions have biases.",
            Opt("reduction", Int, I(4), AtLeastOne, "How many times fewer channels the squeeze has: max(1, C / reduction), rounded down."),
            ShapeFree(Keywords(Opt("gate", String, new KeywordValue("sigmoid"), summary:
                "The gate on the excitation: sigmoid (SENet, EfficientNet) or hardsigmoid (MobileNetV3).") with { Types = [], KeywordsChoosable = true },
                "sigmoid", "hardsigmoid"))),
            new SqueezeExciteShape(), "SqueezeExcite", Named("reduction"),
            Named("gate", RuntimeArgumentKind.Keyword) with { EnumType = Models + ".SqueezeGate" });

        yield return Built(E("inverted_residual", Layer,
            "MobileNetV2/V3 inverted residual block: a 1x1 expansion convolution to C * expand channels + batch norm + activation (none when expand is 1), a depthwise kernel x kernel convolution with the stride (padded by (kernel - 1) / 2) + batch norm + activation, squeeze-and-excitation when `se: true` (squeeze to max(1, C * expand / 4) channels, ReLU, sigmoid gate), a 1x1 projection to `out` channels + batch norm (no activation), and the input added when stride is 1 and the channels are kept. Convolutions have no bias; the kernel must be odd.",
            Req("out", Int, AtLeastOne), Opt("expand", Int, I(6), AtLeastOne, "The expansion ratio: the hidden channels are the input's times this."),
            Opt("kernel", Int, I(3), AtLeastOne, "The depthwise convolution's kernel; odd, so the block keeps the map's size at stride 1."),
            Opt("stride", Int, I(1), AtLeastOne), Opt("se", Bool, BoolValue.False, summary: "Whether squeeze-and-excitation follows the depthwise convolution."),
            ShapeFree(Keywords(Opt("activation", String, new KeywordValue("relu6"), summary:
                "The activation after the expansion and the depthwise convolution: relu6 (MobileNetV2), hardswish (MobileNetV3), silu (EfficientNet) or relu.") with { Types = [], KeywordsChoosable = true },
                "relu6", "relu", "hardswish", "silu"))),
            new InvertedResidualShape(), "InvertedResidual", Positional("out"), Named("expand"), Named("kernel"), Named("stride"), Named("se", RuntimeArgumentKind.Bool),
            Named("activation", RuntimeArgumentKind.Keyword) with { EnumType = Models + ".BlockActivation" });

        // Built like the MobileNets (head 'classifier'), but by HyperDsl: TorchSharp's TorchVision has no EfficientNet.
        var efficientNet = Built(E("efficientnet_b0", Backbone,
            "EfficientNet-B0 (torchvision's layout and module names, width and depth 1.0; head 'classifier'); weights from a local file, or random. Stochastic depth is left out: it is the identity at evaluation and has no parameters, so only training differs from torchvision's.",
            Opt("weights", String, null), Opt("classes", Int, I(1000), AtLeastOne)),
            "Backbone", Named("classes"), Named("weights", RuntimeArgumentKind.String));
        yield return efficientNet with { Runtime = efficientNet.Runtime! with { Leading = "BackboneKind.EfficientNetB0" }, Layout = EfficientNetLayout.B0 };
    }
}
