using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Semantics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Catalog.Shapes;

/// <summary>
/// DeepLab-v3's ASPP as torchvision builds it, which keeps the size and gives <c>out</c> channels:
/// a 1x1 branch, a 3x3 branch per rate (dilated and padded by it), an image-pooling branch (a 1x1
/// convolution of the global average), each a bias-free convolution and a batch norm; then a 1x1
/// projection of all the branches' channels and a batch norm. Pooling, ReLU, dropout and the
/// bilinear stretch of the pooled branch cost no counted FLOPs.
/// </summary>
public sealed record AsppShape : LayerShapeRule
{
    /// <inheritdoc />
    internal override LayerShapeResult Apply(TensorShape input, IReadOnlyDictionary<string, Value> arguments, LayerSite site)
    {
        var map = RequireMap(input, site);
        var outChannels = Int(arguments, "out", 1);
        var rates = arguments.GetValueOrDefault("rates") is ListValue list ? list.Items.Select(i => (i as IntValue)?.Value ?? 0).ToList() : [6, 12, 18];
        if (rates.Count == 0 || rates.Any(r => r < 1))
        {
            throw new ShapeFailure(AsppRates(site.Span, site.Text, rates));
        }

        var (c, h, w) = (map.Channels, map.Height, map.Width);
        var branches = rates.Count + 2;
        var normalisation = 2 * outChannels;

        // The 1x1 branch, the 3x3 branches and the pooled branch's 1x1 convolution, each with its batch norm.
        var parameters = (c * outChannels) + normalisation
            + (rates.Count * ((c * outChannels * 9) + normalisation))
            + (c * outChannels) + normalisation
            + (branches * outChannels * outChannels) + normalisation;
        var flops = (2 * outChannels * h * w * c)
            + (rates.Count * 2 * outChannels * h * w * c * 9)
            + (2 * outChannels * c)
            + (2 * outChannels * h * w * branches * outChannels);
        return new(map with { Channels = outChannels }, parameters, flops);
    }
}
