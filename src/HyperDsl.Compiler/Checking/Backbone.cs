using HyperDsl.Compiler.Catalog.Shapes;

namespace HyperDsl.Compiler.Checking;

/// <summary>
/// A torchvision-layout network on shapes: its named modules with their parameter counts, its
/// output for a given input, and which modules are frozen. Built by walking the same layer
/// arithmetic as the model, so the figures hold for any input size.
/// </summary>
internal sealed class Backbone
{
    private readonly List<(string Path, long Parameters)> _modules = [];
    private readonly HashSet<string> _frozen = [];
    private long _headFlops;

    private Backbone(string name, string headPath)
    {
        Name = name;
        HeadPath = headPath;
    }

    public string Name { get; }

    /// <summary>The classification head's path (<c>fc</c>, <c>classifier</c>), which 'replace' swaps.</summary>
    public string HeadPath { get; }

    public TensorShape Output { get; private set; } = new FeatureShape(0);

    public long HeadInputs { get; private set; }

    public long Flops { get; private set; }

    public string? Failure { get; private set; }

    public long Total => _modules.Sum(m => m.Parameters);

    public long Trainable => _modules.Where(m => !_frozen.Contains(m.Path)).Sum(m => m.Parameters);

    public IEnumerable<string> TopLevelNames => _modules.Select(m => m.Path.Split('.')[0]).Distinct();

    /// <summary>
    /// The backbone called <paramref name="name"/>, with the catalogue entry's layout, on these images;
    /// <paramref name="width"/> is a MobileNet's width multiplier (1 for the others).
    /// </summary>
    public static Backbone Of(string name, BackboneLayout layout, MapShape input, long classes, double width = 1.0) => layout switch
    {
        ResNetLayout resnet => ResNet(name, resnet, input, classes),
        MobileNetV2Layout v2 => MobileNetV2(name, v2, input, classes, width),
        MobileNetV3Layout v3 => MobileNetV3(name, v3, input, classes, width),
        EfficientNetLayout efficientNet => EfficientNet(name, efficientNet, input, classes),
        _ => throw new InvalidOperationException($"Internal error: no shape model for the layout of '{name}'."),
    };

    /// <summary>The ResNet called <paramref name="name"/>, with the catalogue entry's layout, on these images.</summary>
    public static Backbone ResNet(string name, ResNetLayout layout, MapShape input, long classes)
    {
        var (blocks, bottleneck) = (layout.Blocks, layout.Bottleneck);
        var net = new Backbone(name, layout.HeadPath);
        var map = net.Conv("conv1", input, 64, 7, 2, 3);
        map = net.Norm("bn1", map);
        map = Pool(map, 3, 2, 1);
        var inplanes = 64L;
        var expansion = bottleneck ? 4 : 1;
        for (var stage = 0; stage < 4; stage++)
        {
            var planes = 64L << stage;
            for (var b = 0; b < blocks[stage]; b++)
            {
                var prefix = $"layer{stage + 1}.{b}";
                var stride = stage > 0 && b == 0 ? 2 : 1;
                var blockInput = map;
                if (bottleneck)
                {
                    map = net.Norm(prefix + ".bn1", net.Conv(prefix + ".conv1", map, planes, 1, 1, 0));
                    map = net.Norm(prefix + ".bn2", net.Conv(prefix + ".conv2", map, planes, 3, stride, 1));
                    map = net.Norm(prefix + ".bn3", net.Conv(prefix + ".conv3", map, planes * expansion, 1, 1, 0));
                }
                else
                {
                    map = net.Norm(prefix + ".bn1", net.Conv(prefix + ".conv1", map, planes, 3, stride, 1));
                    map = net.Norm(prefix + ".bn2", net.Conv(prefix + ".conv2", map, planes, 3, 1, 1));
                }

                if (stride != 1 || inplanes != planes * expansion)
                {
                    net.Norm(prefix + ".downsample.1", net.Conv(prefix + ".downsample.0", blockInput, planes * expansion, 1, stride, 0));
                }

                inplanes = planes * expansion;
            }
        }

        net.Finish(input, map);
        net.AddHead([(map.Channels, classes)], classes);
        return net;
    }

    /// <summary>
    /// torchvision's MobileNetV2 (<c>features</c>, then the head <c>classifier</c>: dropout and a linear
    /// layer), its channels scaled by <paramref name="width"/> as torchvision's <c>width_mult</c>.
    /// </summary>
    public static Backbone MobileNetV2(string name, MobileNetV2Layout layout, MapShape input, long classes, double width)
    {
        var net = new Backbone(name, layout.HeadPath);
        var channels = Divisible(32 * width);
        var map = net.ConvNorm("features.0", input, channels, 3, 2);
        var index = 1;
        foreach (var (expansion, stageChannels, blocks, firstStride) in layout.Stages)
        {
            var output = Divisible(stageChannels * width);
            for (var b = 0; b < blocks; b++, index++)
            {
                var prefix = $"features.{index}.conv";
                var hidden = (long)Math.Round((double)map.Channels * expansion, MidpointRounding.ToEven);
                var part = 0;
                if (expansion != 1)
                {
                    map = net.ConvNorm($"{prefix}.{part++}", map, hidden, 1, 1);
                }

                map = net.ConvNorm($"{prefix}.{part++}", map, hidden, 3, b == 0 ? firstStride : 1, groups: hidden);
                map = net.Conv($"{prefix}.{part++}", map, output, 1, 1, 0);
                map = net.Norm($"{prefix}.{part}", map);
            }
        }

        map = net.ConvNorm($"features.{index}", map, Divisible(1280 * Math.Max(1.0, width)), 1, 1);
        net.Finish(input, map);
        // classifier.0 is the dropout.
        net.AddHead([(map.Channels, classes)], classes, firstLinear: 1);
        return net;
    }

    /// <summary>
    /// torchvision's MobileNetV3 (<c>features</c>, then the head <c>classifier</c>: a hidden linear layer,
    /// hardswish, dropout and the linear layer to the classes), its channels scaled by <paramref name="width"/>
    /// as torchvision's <c>width_mult</c>: the first convolution's, every block's and the hidden layer's, each
    /// rounded to a multiple of 8; the last convolution stays six times the last block's output.
    /// </summary>
    public static Backbone MobileNetV3(string name, MobileNetV3Layout layout, MapShape input, long classes, double width)
    {
        var net = new Backbone(name, layout.HeadPath);
        var map = net.ConvNorm("features.0", input, Divisible(MobileNetV3Layout.StemChannels * width), 3, 2);
        var index = 1;
        foreach (var block in layout.Blocks)
        {
            var prefix = $"features.{index++}.block";
            var expanded = Divisible(block.Expanded * width);
            var part = 0;
            if (expanded != map.Channels)
            {
                map = net.ConvNorm($"{prefix}.{part++}", map, expanded, 1, 1);
            }

            map = net.ConvNorm($"{prefix}.{part++}", map, expanded, block.Kernel, block.Stride, groups: expanded);
            if (block.SqueezeExcite)
            {
                // Two 1x1 convolutions with biases on the pooled channels (a 1 x 1 map).
                var squeeze = Divisible(expanded / 4);
                var pooled = map with { Height = 1, Width = 1 };
                net.Conv($"{prefix}.{part}.fc1", pooled, squeeze, 1, 1, 0, bias: true);
                net.Conv($"{prefix}.{part++}.fc2", pooled with { Channels = squeeze }, expanded, 1, 1, 0, bias: true);
            }

            map = net.ConvNorm($"{prefix}.{part}", map, Divisible(block.Channels * width), 1, 1);
        }

        map = net.ConvNorm($"features.{index}", map, 6 * map.Channels, 1, 1);
        net.Finish(input, map);
        var hidden = Divisible(layout.Hidden * width);
        net.AddHead([(map.Channels, hidden), (hidden, classes)], classes, firstLinear: 0, linearStep: 3);
        return net;
    }

    /// <summary>
    /// torchvision's EfficientNet (<c>features</c>: stem, stages of MBConv blocks whose layers are under
    /// <c>block</c>, the last convolution; then the head <c>classifier</c>: dropout and a linear layer).
    /// </summary>
    public static Backbone EfficientNet(string name, EfficientNetLayout layout, MapShape input, long classes)
    {
        var net = new Backbone(name, layout.HeadPath);
        var map = net.ConvNorm("features.0", input, EfficientNetLayout.StemChannels, 3, 2);
        var index = 1;
        foreach (var (expansion, kernel, firstStride, channels, blocks) in layout.Stages)
        {
            for (var b = 0; b < blocks; b++)
            {
                var prefix = $"features.{index}.{b}.block";
                var inputs = map.Channels;
                var expanded = inputs * expansion;
                var part = 0;
                if (expanded != inputs)
                {
                    map = net.ConvNorm($"{prefix}.{part++}", map, expanded, 1, 1);
                }

                map = net.ConvNorm($"{prefix}.{part++}", map, expanded, kernel, b == 0 ? firstStride : 1, groups: expanded);

                // Squeeze-and-excitation on the pooled channels, to a quarter of the block's input channels.
                var squeeze = Math.Max(1, inputs / 4);
                var pooled = map with { Height = 1, Width = 1 };
                net.Conv($"{prefix}.{part}.fc1", pooled, squeeze, 1, 1, 0, bias: true);
                net.Conv($"{prefix}.{part++}.fc2", pooled with { Channels = squeeze }, expanded, 1, 1, 0, bias: true);
                map = net.ConvNorm($"{prefix}.{part}", map, channels, 1, 1);
            }

            index++;
        }

        map = net.ConvNorm($"features.{index}", map, EfficientNetLayout.LastChannels, 1, 1);
        net.Finish(input, map);
        // classifier.0 is the dropout.
        net.AddHead([(map.Channels, classes)], classes, firstLinear: 1);
        return net;
    }

    // torchvision's _make_divisible: the nearest multiple of 8, at least 8, and not more than 10% below the value.
    private static long Divisible(double value)
    {
        var rounded = Math.Max(8, (long)(value + 4) / 8 * 8);
        return rounded < 0.9 * value ? rounded + 8 : rounded;
    }

    private void Finish(MapShape input, MapShape map)
    {
        if (map.Height < 1 || map.Width < 1)
        {
            Failure = $"shrinks {input.Spatial} images to nothing before its last stage.";
        }
    }

    // The head's linear layers (in and out features), at classifier.firstLinear, then every linearStep.
    private void AddHead(IReadOnlyList<(long In, long Out)> linears, long classes, int? firstLinear = null, int linearStep = 1)
    {
        HeadInputs = linears[0].In;
        Output = new FeatureShape(classes);
        for (var i = 0; i < linears.Count; i++)
        {
            var (inputs, outputs) = linears[i];
            var path = firstLinear is { } first ? $"{HeadPath}.{first + (i * linearStep)}" : HeadPath;
            _modules.Add((path, (inputs * outputs) + outputs));
            _headFlops += 2 * inputs * outputs;
        }

        Flops += _headFlops;
    }

    /// <summary>A new head, trainable whatever was frozen before; returns the old head's parameters and FLOPs.</summary>
    public (long Parameters, long Flops) ReplaceHead(TensorShape output, long parameters, long flops)
    {
        var oldParameters = _modules.Where(m => Under(m.Path, HeadPath)).Sum(m => m.Parameters);
        var oldFlops = _headFlops;
        Flops += flops - _headFlops;
        _headFlops = flops;
        _modules.RemoveAll(m => Under(m.Path, HeadPath));
        _modules.Add((HeadPath, parameters));
        _frozen.Remove(HeadPath);
        Output = output;
        return (oldParameters, oldFlops);
    }

    public bool Contains(string path) => _modules.Any(m => Under(m.Path, path));

    public void Freeze(bool allExcept, IReadOnlyList<string> paths)
    {
        foreach (var (path, _) in _modules)
        {
            var named = paths.Any(p => Under(path, p));
            if (allExcept ? !named : named)
            {
                _frozen.Add(path);
            }
        }
    }

    private static bool Under(string module, string path) =>
        module == path || module.StartsWith(path + ".", StringComparison.Ordinal);

    private MapShape Conv(string path, MapShape input, long outChannels, long kernel, long stride, long padding, long groups = 1, bool bias = false)
    {
        var height = Math.Max(0, ((input.Height + (2 * padding) - kernel) / stride) + 1);
        var width = Math.Max(0, ((input.Width + (2 * padding) - kernel) / stride) + 1);
        var weights = outChannels * (input.Channels / groups) * kernel * kernel;
        _modules.Add((path, weights + (bias ? outChannels : 0)));
        Flops += 2 * height * width * weights;
        return new MapShape(outChannels, height, width);
    }

    // torchvision's Conv2dNormActivation: a convolution without bias padded to keep the size at stride 1 (path.0), batch norm (path.1), an activation.
    private MapShape ConvNorm(string path, MapShape input, long outChannels, long kernel, long stride, long groups = 1) =>
        Norm(path + ".1", Conv(path + ".0", input, outChannels, kernel, stride, (kernel - 1) / 2, groups));

    private MapShape Norm(string path, MapShape input)
    {
        _modules.Add((path, 2 * input.Channels));
        return input;
    }

    private static MapShape Pool(MapShape input, long kernel, long stride, long padding) => input with
    {
        Height = Math.Max(0, ((input.Height + (2 * padding) - kernel) / stride) + 1),
        Width = Math.Max(0, ((input.Width + (2 * padding) - kernel) / stride) + 1),
    };
}
