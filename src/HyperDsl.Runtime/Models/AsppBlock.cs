using static TorchSharp.torch;

namespace HyperDsl.Runtime.Models;

/// <summary>
/// DeepLab-v3's atrous spatial pyramid pooling, as torchvision's <c>ASPP</c>: a 1 x 1 branch, one
/// 3 x 3 branch per rate dilated by it (padded by it, so the size is kept), and an image-pooling
/// branch (global average, 1 x 1 convolution, stretched back to the map's size bilinearly), each
/// a bias-free convolution, a batch norm and a ReLU; their outputs joined along the channels and
/// projected to the output channels by a 1 x 1 convolution, a batch norm, a ReLU and dropout.
/// Parameter paths are torchvision's: <c>convs.0.0.weight</c>, <c>project.0.weight</c>.
/// </summary>
internal sealed class AsppBlock : nn.Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.ModuleList<nn.Module<Tensor, Tensor>> _branches;
    private readonly nn.Module<Tensor, Tensor> _project;

    public AsppBlock(string name, long inChannels, long outChannels, IReadOnlyList<long> rates, double dropout)
        : base(name)
    {
        var branches = new List<nn.Module<Tensor, Tensor>> { Branch(inChannels, outChannels, 1, 1) };
        branches.AddRange(rates.Select(rate => Branch(inChannels, outChannels, 3, rate)));
        branches.Add(nn.Sequential(
            ("0", nn.AdaptiveAvgPool2d(1)),
            ("1", Conv(inChannels, outChannels, 1, 1)),
            ("2", nn.BatchNorm2d(outChannels)),
            ("3", nn.ReLU())));
        _branches = nn.ModuleList([.. branches]);
        _project = nn.Sequential(
            ("0", Conv(branches.Count * outChannels, outChannels, 1, 1)),
            ("1", nn.BatchNorm2d(outChannels)),
            ("2", nn.ReLU()),
            ("3", nn.Dropout(dropout)));
        register_module("convs", _branches);
        register_module("project", _project);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var size = new[] { input.shape[2], input.shape[3] };
        var outputs = new List<Tensor>();
        for (var i = 0; i < _branches.Count; i++)
        {
            var output = _branches[i].call(input);
            outputs.Add(i == _branches.Count - 1 ? UpsampleLayer.Resize(output, size, UpsamplingMode.Bilinear) : output);
        }

        return _project.call(cat(outputs, 1)).MoveToOuterDisposeScope();
    }

    private static nn.Module<Tensor, Tensor> Branch(long inChannels, long outChannels, long kernel, long rate) => nn.Sequential(
        ("0", Conv(inChannels, outChannels, kernel, rate)),
        ("1", nn.BatchNorm2d(outChannels)),
        ("2", nn.ReLU()));

    // Made in a dispose scope, as ModelBuilder's convolutions, for the temporary TorchSharp's Conv2d leaves behind.
    private static nn.Module<Tensor, Tensor> Conv(long inChannels, long outChannels, long kernel, long rate)
    {
        using var scope = NewDisposeScope();
        return nn.Conv2d(inChannels, outChannels, kernel, stride: 1, padding: kernel == 1 ? 0 : rate, dilation: rate, bias: false);
    }

    // Its submodules are registered by hand, under the names of parameter paths; TorchSharp's
    // registration by field, which register_module runs on a custom module, would list them again
    // under their field names (in state_dict and named_modules, so FLOPs would be counted twice).
    protected override void RegisterComponents()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _branches.Dispose();
            _project.Dispose();
        }

        base.Dispose(disposing);
    }
}
