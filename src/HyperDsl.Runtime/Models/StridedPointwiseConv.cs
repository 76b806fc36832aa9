using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Models;

/// <summary>
/// A 1 x 1 convolution with a stride above 1 and no padding, computed as the stride-1 convolution
/// of every stride-th pixel: the same numbers, parameters (<c>weight</c>, <c>bias</c>, as
/// <c>nn.Conv2d</c> names them) and FLOPs. LibTorch 2.10's CPU backward of a strided 1 x 1
/// convolution on a channels-last batch with few channels corrupts the heap and aborts the
/// process ("double free or corruption"; reproduced with 3 to 15 channels, not with 16 or 64).
/// The differential test found it in a residual block's projection; training batches are
/// channels-last (<see cref="Training.MemoryLayout"/>), so every such layer is built this way.
/// </summary>
internal sealed class StridedPointwiseConv : nn.Module<Tensor, Tensor>
{
    private readonly long _stride;
    private readonly long _groups;
    private readonly Parameter _weight;
    private readonly Parameter? _bias;

    public StridedPointwiseConv(long inChannels, long outChannels, long stride, long groups, bool bias)
        : base(nameof(StridedPointwiseConv))
    {
        _stride = stride;
        _groups = groups;

        // Initialised as nn.Conv2d initialises the same layer (Kaiming-uniform weights, bias from the fan-in);
        // its temporaries are scoped, its parameters kept.
        using (NewDisposeScope())
        {
            var template = nn.Conv2d(inChannels, outChannels, 1, 1, 0, groups: groups, bias: bias);
            _weight = template.weight!;
            _bias = template.bias;
        }

        register_parameter("weight", _weight);
        if (_bias is not null)
        {
            register_parameter("bias", _bias);
        }
    }

    /// <summary>The kernel [out, in / groups, 1, 1], for counting FLOPs as a convolution's.</summary>
    public Tensor Weight => _weight;

    // Its submodules and parameters are registered by hand, under the names of parameter paths;
    // TorchSharp's registration by field, which register_module runs on a custom module, would
    // list them again under their field names (in state_dict and named_modules, so FLOPs would be
    // counted twice).
    protected override void RegisterComponents()
    {
    }

    public override Tensor forward(Tensor input)
    {
        var every = TensorIndex.Slice(null, null, _stride);
        using var sampled = input[TensorIndex.Ellipsis, every, every];
        return nn.functional.conv2d(sampled, _weight, _bias, groups: _groups);
    }
}
