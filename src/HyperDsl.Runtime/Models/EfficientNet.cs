using static TorchSharp.torch;

namespace HyperDsl.Runtime.Models;

/// <summary>
/// torchvision's EfficientNet-B0 (<c>efficientnet_b0</c>, width and depth multipliers 1.0), which
/// TorchSharp's TorchVision lacks, built with torchvision's structure and module names so its
/// parameter paths and weight files are torchvision's: <c>features</c> (stem <c>features.0</c>, seven
/// stages of MBConv blocks <c>features.1</c> ... <c>features.7</c>, each block's layers under
/// <c>block</c>, the 1x1 convolution to 1280 channels <c>features.8</c>), <c>avgpool</c> and the head
/// <c>classifier</c> (dropout 0.2, then the linear layer). Stochastic depth is left out: it has no
/// parameters and is the identity at evaluation, so the figures and an evaluated model are torchvision's;
/// only training differs (no blocks dropped at random).
/// </summary>
internal static class EfficientNet
{
    // torchvision's MBConvConfig for B0: expansion ratio, kernel, first stride, input and output channels, blocks.
    private static readonly (int Expand, int Kernel, int Stride, int In, int Out, int Blocks)[] B0Stages =
    [
        (1, 3, 1, 32, 16, 1), (6, 3, 2, 16, 24, 2), (6, 5, 2, 24, 40, 2), (6, 3, 2, 40, 80, 3),
        (6, 5, 1, 80, 112, 3), (6, 5, 2, 112, 192, 4), (6, 3, 1, 192, 320, 1),
    ];

    /// <summary>EfficientNet-B0 with <paramref name="classes"/> outputs, randomly initialised as torchvision does.</summary>
    public static nn.Module<Tensor, Tensor> B0(int classes)
    {
        var features = new List<(string, nn.Module<Tensor, Tensor>)> { ("0", ConvNormActivation(3, 32, 3, 2, silu: true)) };
        foreach (var (expand, kernel, firstStride, inChannels, outChannels, blocks) in B0Stages)
        {
            var stage = new List<(string, nn.Module<Tensor, Tensor>)>();
            for (var b = 0; b < blocks; b++)
            {
                stage.Add((b.ToString(System.Globalization.CultureInfo.InvariantCulture), MBConv(b == 0 ? inChannels : outChannels, outChannels, expand, kernel, b == 0 ? firstStride : 1)));
            }

            features.Add((features.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), nn.Sequential(stage)));
        }

        features.Add((features.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), ConvNormActivation(320, 1280, 1, 1, silu: true)));
        var head = nn.Linear(1280, classes);
        var model = nn.Sequential(
            ("features", nn.Sequential(features)),
            ("avgpool", nn.AdaptiveAvgPool2d(1)),
            ("classifier", nn.Sequential(("0", nn.Dropout(0.2)), ("1", head))));
        Initialise(model);
        return model;
    }

    // torchvision's MBConv: expansion (absent at ratio 1), depthwise convolution, squeeze-and-excitation to a quarter of the input channels, projection.
    private static nn.Module<Tensor, Tensor> MBConv(long inChannels, long outChannels, long expand, long kernel, long stride)
    {
        var expanded = inChannels * expand;
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        if (expanded != inChannels)
        {
            layers.Add((layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), ConvNormActivation(inChannels, expanded, 1, 1, silu: true)));
        }

        layers.Add((layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), ConvNormActivation(expanded, expanded, kernel, stride, silu: true, groups: expanded)));
        layers.Add((layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), new SqueezeExcitation(expanded, Math.Max(1, inChannels / 4), SqueezeGate.Sigmoid, silu: true)));
        layers.Add((layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), ConvNormActivation(expanded, outChannels, 1, 1, silu: false)));
        return new InvertedResidual(nn.Sequential(layers), residual: stride == 1 && inChannels == outChannels);
    }

    // torchvision's Conv2dNormActivation: a convolution without bias padded by (kernel - 1) / 2 (path.0), batch norm (path.1), SiLU (path.2) unless none.
    private static nn.Module<Tensor, Tensor> ConvNormActivation(long inChannels, long outChannels, long kernel, long stride, bool silu, long groups = 1)
    {
        nn.Module<Tensor, Tensor> conv;
        using (var scope = NewDisposeScope())
        {
            // In a dispose scope for the reason ModelBuilder's convolutions are: TorchSharp's Conv2d leaks a temporary.
            conv = nn.Conv2d(inChannels, outChannels, kernel, stride, (kernel - 1) / 2, groups: groups, bias: false);
        }

        return silu
            ? nn.Sequential(("0", conv), ("1", nn.BatchNorm2d(outChannels)), ("2", nn.SiLU()))
            : nn.Sequential(("0", conv), ("1", nn.BatchNorm2d(outChannels)));
    }

    // torchvision's initialisation: convolutions Kaiming-normal (fan out), batch norms one and zero, the linear layer uniform in ±1/sqrt(outputs).
    private static void Initialise(nn.Module model)
    {
        using var noGrad = no_grad();
        foreach (var module in model.modules())
        {
            switch (module)
            {
                case TorchSharp.Modules.Conv2d conv:
                    nn.init.kaiming_normal_(conv.weight!, mode: nn.init.FanInOut.FanOut);
                    if (conv.bias is { } convBias)
                    {
                        nn.init.zeros_(convBias);
                    }

                    break;
                case TorchSharp.Modules.Linear linear:
                    var range = 1.0 / Math.Sqrt(linear.out_features);
                    nn.init.uniform_(linear.weight!, -range, range);
                    nn.init.zeros_(linear.bias!);
                    break;
            }
        }
    }
}
