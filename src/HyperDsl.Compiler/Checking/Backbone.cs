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

    private Backbone(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public TensorShape Output { get; private set; } = new FeatureShape(0);

    public long HeadInputs { get; private set; }

    public long Flops { get; private set; }

    public string? Failure { get; private set; }

    public long Total => _modules.Sum(m => m.Parameters);

    public long Trainable => _modules.Where(m => !_frozen.Contains(m.Path)).Sum(m => m.Parameters);

    public IEnumerable<string> TopLevelNames => _modules.Select(m => m.Path.Split('.')[0]).Distinct();

    /// <summary>The ResNet called <paramref name="name"/>, with the catalogue entry's layout, on these images.</summary>
    public static Backbone ResNet(string name, ResNetLayout layout, MapShape input, long classes)
    {
        var (blocks, bottleneck) = (layout.Blocks, layout.Bottleneck);
        var net = new Backbone(name);
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

        if (map.Height < 1 || map.Width < 1)
        {
            net.Failure = $"shrinks {input.Spatial} images to nothing before its last stage.";
        }

        net.HeadInputs = map.Channels;
        net.Output = new FeatureShape(classes);
        net._modules.Add(("fc", (map.Channels * classes) + classes));
        net._headFlops = 2 * map.Channels * classes;
        net.Flops += net._headFlops;
        return net;
    }

    /// <summary>A new head, trainable whatever was frozen before; returns the old head's parameters and FLOPs.</summary>
    public (long Parameters, long Flops) ReplaceHead(TensorShape output, long parameters, long flops)
    {
        var old = _modules.Single(m => m.Path == "fc");
        var oldFlops = _headFlops;
        Flops += flops - _headFlops;
        _headFlops = flops;
        _modules.Remove(old);
        _modules.Add(("fc", parameters));
        _frozen.Remove("fc");
        Output = output;
        return (old.Parameters, oldFlops);
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

    private MapShape Conv(string path, MapShape input, long outChannels, long kernel, long stride, long padding)
    {
        var height = Math.Max(0, ((input.Height + (2 * padding) - kernel) / stride) + 1);
        var width = Math.Max(0, ((input.Width + (2 * padding) - kernel) / stride) + 1);
        _modules.Add((path, outChannels * input.Channels * kernel * kernel));
        Flops += 2 * outChannels * height * width * input.Channels * kernel * kernel;
        return new MapShape(outChannels, height, width);
    }

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
