using System.Globalization;
using System.Text;

namespace HyperDsl.Differential;

/// <summary>
/// The <c>task segmentation</c> specs: image and mask pairs from the run's synthetic set
/// (<see cref="DifferentialRun.SegmentationImages"/>), resized to a size every level of the
/// encoder halves exactly, so that a decoder that doubles back as often ends at the input's size at
/// every point; per-pixel losses, the joint transforms, and the segmentation metrics.
/// </summary>
internal sealed partial class SpecWriter
{
    private bool _segmentation;

    // A validation split is written (so val_ metrics may be named).
    private bool _validated;

    // Every image size the model may see is a multiple of this: 2 to the encoder's depth.
    private int _multiple = 1;

    // The data section and the model of a segmentation spec.
    private string Segmentation(int classes)
    {
        _segmentation = true;
        _used.Add(Construct.Segmentation);
        var depth = random.Next(3);
        _multiple = 1 << depth;
        var text = new StringBuilder("  data {\n    task segmentation\n");
        var channels = Chance(0.25) ? 1 : 3;
        var arguments = new List<string> { $"images: \"{DifferentialRun.SegmentationImages}\"", $"masks: \"{DifferentialRun.SegmentationMasks}\"", $"classes: {Int(classes)}" };
        if (Chance(0.3))
        {
            arguments.Add($"ignore_index: {Int(DifferentialRun.SegmentationIgnoreIndex)}");
        }

        if (channels == 1 || Chance(0.2))
        {
            arguments.Add($"channels: {Int(channels)}");
        }

        text.Append(CultureInfo.InvariantCulture, $"    source segmentation_folder({string.Join(", ", arguments)})\n");
        _channels = channels;

        // The set's images are square; the resize gives the spec its size (a multiple of _multiple).
        // A folder of images is decoded once, at one size: now and then a searched size, which the
        // checker must refuse (HYP5020).
        if (MustReject is null && Chance(0.03))
        {
            var sizes = Distinct(2, () => Side());
            text.Append(CultureInfo.InvariantCulture, $"    resize {Parameter("img", $"choice({string.Join(", ", sizes)})")}\n");
            MustReject = "HYP5020";
            _minSize = sizes.Min();
        }
        else if (Chance(0.5))
        {
            var size = Side();
            text.Append(CultureInfo.InvariantCulture, $"    resize {size}\n");
            _minSize = size;
        }
        else
        {
            var (height, width) = (Side(), Side());
            text.Append(CultureInfo.InvariantCulture, $"    resize [{height}, {width}]\n");
            _minSize = Math.Min(height, width);
        }

        if (Chance(0.6))
        {
            text.Append("    validation 25%\n");
            _validated = true;
        }

        Pipeline(text);
        SegmentationModel(classes, depth);
        return text.Append("  }\n").ToString();
    }

    // A side of 8 to 32 pixels that the encoder's levels halve exactly.
    private int Side() => _multiple * random.Next((8 + _multiple - 1) / _multiple, (32 / _multiple) + 1);

    // A crop or resize size, under segmentation rounded down to what the encoder halves exactly.
    private int Fitting(int size) => _segmentation ? Math.Max(_multiple, size / _multiple * _multiple) : size;

    // An encoder of 'depth' levels, each saving its map and halving it, then a decoder that doubles
    // the size back as often and (mostly) joins each saved map, and a convolution to one score map
    // per class. Between them, any statement that keeps the size.
    private void SegmentationModel(int classes, int depth)
    {
        Preserving(random.Next(1, 3));
        var saved = new Stack<(string Name, int? Channels)>();
        for (var level = 0; level < depth; level++)
        {
            var name = Name("enc");
            Line($"save {name}");
            saved.Push((name, _channels));
            Down();
            Preserving(random.Next(1, 3));
        }

        while (saved.Count > 0)
        {
            var (name, channels) = saved.Pop();
            Up();
            if (channels is { } kept && Chance(0.3))
            {
                Line($"conv({Int(kept)}, kernel: 1)");
                Line($"add {name}");
                _channels = kept;
            }
            else if (Chance(0.85))
            {
                Line($"concat {name}");
                _channels = _channels is { } now && channels is { } before ? now + before : null;
            }

            Preserving(random.Next(0, 2));
        }

        // Now and then one score map too many, which the checker must refuse.
        var outputs = classes;
        if (MustReject is null && Chance(0.04))
        {
            outputs++;
            MustReject = "HYP3170";
        }

        Line(random.Next(3) switch
        {
            0 => $"conv(out: {Int(outputs)}, kernel: 1)",
            1 => $"conv({Int(outputs)}, kernel: 1, bias: false)",
            _ => $"conv({Int(outputs)}, kernel: 3, padding: same)",
        });
        _channels = outputs;
    }

    private void Preserving(int count)
    {
        for (; count > 0; count--)
        {
            Statement(preserving: true);
        }
    }

    // Halves the map exactly (its sides are even).
    private void Down()
    {
        switch (random.Next(4))
        {
            case 0:
                Line("maxpool(2)");
                break;
            case 1:
                Line("avgpool(2)");
                break;
            case 2:
                var channels = Pick(4, 8);
                Line($"conv({Int(channels)}, kernel: 3, stride: 2, padding: 1)");
                _channels = channels;
                break;
            default:
                var width = Pick(4, 8);
                Line($"conv({Int(width)}, kernel: 2, stride: 2)");
                _channels = width;
                break;
        }

        _minSize /= 2;
    }

    // Doubles the map: upsampling, a transposed convolution, or either chosen by a searched decoder.
    private void Up()
    {
        var channels = Pick(4, 8);
        switch (random.Next(5))
        {
            case 0:
                Line("upsample(scale: 2)");
                break;
            case 1:
                var mode = Chance(0.3) ? Parameter("um", "choice(nearest, bilinear)") : Pick("nearest", "bilinear");
                Line($"upsample(scale: 2, mode: {mode})");
                break;
            case 2:
                Line($"conv_transpose({Int(channels)}, kernel: 2, stride: 2)");
                _channels = channels;
                break;
            case 3:
                Line($"conv_transpose({Int(channels)}, kernel: 3, stride: 2, padding: 1, output_padding: 1)");
                _channels = channels;
                break;
            default:
                var decoder = Enum(["up", "tr"]);
                var before = _channels;
                Line($"match {decoder} {{");
                Nested(() =>
                {
                    Line("up => { upsample(scale: 2, mode: bilinear) }");
                    Line($"tr => {{ conv_transpose({Int(channels)}, kernel: 2, stride: 2) }}");
                });
                Line("}");
                _channels = before == channels ? channels : null;
                break;
        }

        _minSize *= 2;
    }

    // A per-pixel loss: cross-entropy (class weights, label smoothing), focal, dice, or a weighted sum
    // with searched weights; now and then a sum whose every weight may be 0, which the checker must refuse.
    private string SegmentationLoss(int classes)
    {
        switch (random.Next(7))
        {
            case 0:
                return "cross_entropy";
            case 1:
                return $"cross_entropy(weights: {PerClass(classes)})";
            case 2:
                return $"cross_entropy(label_smoothing: {Searched("ls", "uniform(0, 0.3)", "0.1")})";
            case 3:
                var alpha = Chance(0.4) ? $", alpha: {PerClass(classes)}" : "";
                return $"focal(gamma: {Searched("g", "uniform(0, 3)", "2")}{alpha})";
            case 4:
                return Chance(0.5) ? "dice" : $"dice(smooth: {Searched("sm", "uniform(0.1, 2)", Pick("0", "1", "0.5"))})";
            default:
                if (MustReject is null && Chance(0.1))
                {
                    MustReject = "HYP4060";
                    return $"sum(dice: {Parameter("dw", "uniform(0, 1)")})";
                }

                var weights = new List<string>();
                var sure = Pick("cross_entropy", "dice", "focal");
                foreach (var loss in new[] { "cross_entropy", "dice", "focal" })
                {
                    if (loss == sure)
                    {
                        weights.Add($"{loss}: {Pick("1.0", "0.5")}");
                    }
                    else if (Chance(0.5))
                    {
                        weights.Add($"{loss}: {Searched("lw", "uniform(0.0, 1.0)", Pick("0", "0.5", "1"))}");
                    }
                }

                return $"sum({string.Join(", ", weights)})";
        }
    }

    // The study's objective: a segmentation metric or the validation loss where a validation split is
    // written, else the training loss; now and then a val_ metric without one, which the checker must refuse.
    private string SegmentationObjective()
    {
        if (_validated)
        {
            return Pick("maximize val_miou", "maximize val_pixel_accuracy", "minimize val_loss");
        }

        if (MustReject is null && Chance(0.05))
        {
            MustReject = "HYP4090";
            return "maximize val_miou";
        }

        return "minimize train_loss";
    }

    // Batch mixing under segmentation: cutmix, which pastes the partner's mask box with its image box,
    // last in augment. The blending transforms (augmix, mixup) move no mask: now and then one, which
    // the checker must refuse.
    private void SegmentationMixing(List<string> transforms)
    {
        if (May(Construct.AugmentationPolicy) && Chance(0.25))
        {
            _used.Add(Construct.AugmentationPolicy);
            transforms.Add($"cutmix(alpha: {Pick("0.5", "1.0")}, p: {Searched("cp", "uniform(0.2, 1)", "0.5")})");
        }
        else if (MustReject is null && Chance(0.1))
        {
            transforms.Add(Pick("augmix", "mixup(alpha: 0.2)"));
            MustReject = "HYP5032";
        }
    }
}
