using System.Collections.Immutable;
using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Catalog.Shapes;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Lowering;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Text;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Checking;

/// <summary>
/// Runs the data pipeline and the model at one point of the space on shapes instead of
/// tensors: every layer's output shape, parameters and FLOPs, exactly as the trainer will
/// build them. It walks the lowered experiment (<see cref="ExperimentLowerer"/>), the model the
/// generator prints, with each argument already under its catalogue parameter. The first problem ends the walk as a <see cref="ShapeFailure"/>. A model that
/// unrolls to more than <see cref="CheckLimits.MaxUnrolledSteps"/> layers, loop iterations and
/// branches is such a problem (HYP2106), and a loop whose iterations repeat each other exactly
/// is not unrolled: once an iteration keeps the shape, the rest are counted in closed form.
/// </summary>
internal sealed class ShapeWalker
{
    private readonly EffectiveExperiment _experiment;
    private readonly LoweredExperiment _lowered;
    private readonly Dictionary<BlockSymbol, LoweredBlock> _blocks;
    private readonly Evaluator _evaluator;
    private readonly CheckBudget _budget;
    private readonly LoopAnalysis _loops;

    private long _trainable;
    private long _total;
    private long _flops;
    private long _steps;
    private LoweredStatement? _topLevelStatement;
    private long _topLevelStart;
    private LoweredStatement? _largestStatement;
    private long _largestSteps;
    private Backbone? _backbone;
    private LoweredLayer? _backboneLayer;

    // Layers have followed the backbone, so its head can no longer be replaced.
    private bool _layersAfterBackbone;

    // Inside a loop or residual body, where backbones, freeze and replace are not generated.
    private int _nesting;
    private LoweredFreeze? _lastFreeze;

    // The tensors saved by 'save name' so far, with where they were saved.
    private readonly Dictionary<string, (TensorShape Shape, LoweredSkip Save)> _saved = new(StringComparer.Ordinal);

    // The class folders the host counted at check time (image_folder without classes:), if any.
    private readonly long? _countedClasses;

    // What the model's output must be: one score per class, or (segmentation) a score map per class.
    private readonly TaskEntry _task;

    /// <param name="experiment">The experiment, for what the lowered one does not keep: its task, and the spans of its name and model section.</param>
    /// <param name="lowered">The experiment lowered (<see cref="ExperimentLowerer.Lower"/>): the model, blocks and settings walked.</param>
    /// <param name="model">The semantic model its expressions are evaluated in.</param>
    /// <param name="budget">What the walk may spend.</param>
    /// <param name="countedClasses">The class folders the host counted, if any.</param>
    public ShapeWalker(EffectiveExperiment experiment, LoweredExperiment lowered, SemanticModel model, CheckBudget? budget = null, long? countedClasses = null)
    {
        _countedClasses = countedClasses;
        _task = TaskChecker.DeclaredTask(experiment);
        _experiment = experiment;
        _budget = budget ?? CheckBudget.Unlimited;
        _evaluator = new Evaluator(model, _budget);
        _lowered = lowered;
        _blocks = _lowered.Blocks.ToDictionary(b => b.Symbol);
        _loops = new LoopAnalysis(_blocks);
    }

    public long? Classes { get; private set; }

    /// <summary>
    /// Told each layer's (or block use's) span and its input and output shape as the walk applies it
    /// (<see cref="LayerShapes"/>); null when checking.
    /// </summary>
    public Action<SourceSpan, TensorShape, TensorShape>? LayerObserver { get; init; }

    private TensorShape Observed(LoweredStatement layer, TensorShape input, TensorShape output)
    {
        LayerObserver?.Invoke(layer.Span, input, output);
        return output;
    }

    public ModelStatistics Run(IReadOnlyDictionary<ParameterSymbol, Value> point)
    {
        _trainable = _total = _flops = _steps = _largestSteps = 0;
        _largestStatement = null;
        _backbone = null;
        _backboneLayer = null;
        _layersAfterBackbone = false;
        _nesting = 0;
        _lastFreeze = null;
        _saved.Clear();
        var environment = new Evaluation.Environment(point);
        var input = InputShape(environment);
        var model = _lowered.Model!.Value;
        TensorShape output = input;
        for (var i = 0; i < model.Length; i++)
        {
            // A model too large is reported at the top-level statement that unrolls to the most.
            _topLevelStatement = model[i];
            _topLevelStart = _steps;
            output = Walk(model, i, output, environment);
            if (_steps - _topLevelStart > _largestSteps)
            {
                (_largestStatement, _largestSteps) = (_topLevelStatement, _steps - _topLevelStart);
            }
        }

        if (_backbone is { } backbone)
        {
            _trainable += backbone.Trainable;
        }

        CheckOutput(input, output);
        CheckPerClassArguments(output, environment);
        CheckSomethingTrains();
        CheckLearningRateScaleNames();
        return new ModelStatistics(input, output, _trainable, _total, _flops);
    }

    // A loss's per-class list (class weights) must have one value per output of the model.
    private void CheckPerClassArguments(TensorShape output, Evaluation.Environment environment)
    {
        // Per class: a classifier's outputs, or a segmentation model's channels (one score map per class).
        var classes = output switch { FeatureShape features => features.Features, MapShape map when _task.PerPixel => map.Channels, _ => (long?)null };
        if (classes is null || _lowered.Train.Find("loss")?.Value is not LoweredCall { Entry: var entry } call)
        {
            return;
        }

        foreach (var (parameter, value) in call.Arguments)
        {
            if (entry.Find(parameter) is { PerClass: true } && Evaluate(value, environment) is ListValue list && list.Items.Length != classes)
            {
                throw new ShapeFailure(PerClassLength(value.Span, parameter, entry.Name, list.Items.Length, classes.Value));
            }
        }
    }

    // ---- the data pipeline ------------------------------------------------------------------

    public MapShape InputShape(Evaluation.Environment environment)
    {
        var source = Setting("source");
        long channels = 1;
        long? height = null;
        long? width = null;
        Classes = null;
        // The source's catalogue meaning says which images it gives: a fixed shape, or the arguments that say it.
        if (source?.Value is LoweredCall { Entry: { Source: { } meaning } entry } call)
        {
            var arguments = Arguments(entry.Parameters, call.Arguments, environment);
            if (meaning.FixedShape is [var fixedChannels, var fixedHeight, var fixedWidth])
            {
                (channels, height, width) = (fixedChannels, fixedHeight, fixedWidth);
            }

            if (meaning.ShapeParameter is { } shapeParameter && arguments.GetValueOrDefault(shapeParameter) is ListValue shape && shape.Items.All(i => i is IntValue))
            {
                var dims = shape.Items.Select(i => ((IntValue)i).Value).ToList();
                if (dims.Count == 3)
                {
                    (channels, height, width) = (dims[0], dims[1], dims[2]);
                }
                else if (dims.Count == 2)
                {
                    (height, width) = (dims[0], dims[1]);
                }
                else
                {
                    throw new ShapeFailure(SourceShapeLength(call.Span, entry.Name, shape.Display));
                }
            }

            if (meaning.ChannelsParameter is { } channelsParameter)
            {
                channels = (arguments.GetValueOrDefault(channelsParameter) as IntValue ?? entry.Find(channelsParameter)?.Default as IntValue)?.Value ?? channels;
            }

            Classes = meaning.FixedClasses
                ?? (meaning.ClassesParameter is { } classesParameter ? (arguments.GetValueOrDefault(classesParameter) as IntValue)?.Value : null)
                ?? (meaning.ClassFoldersParameter is not null ? _countedClasses : null);
        }

        if (Setting("input")?.Value is { } input && Evaluate(input, environment) is ListValue dimensions && dimensions.Items.All(i => i is IntValue) && dimensions.Items.Length == 3)
        {
            var d = dimensions.Items.Select(i => ((IntValue)i).Value).ToList();
            (channels, height, width) = (d[0], d[1], d[2]);
        }

        if (Setting("classes")?.Value is { } classes && Evaluate(classes, environment) is IntValue count)
        {
            Classes = count.Value;
        }

        if (Setting("resize")?.Value is { } resize)
        {
            switch (Evaluate(resize, environment))
            {
                case IntValue size:
                    (height, width) = (size.Value, size.Value);
                    break;
                case ListValue { Items: [IntValue h, IntValue w] }:
                    (height, width) = (h.Value, w.Value);
                    break;
            }
        }

        (height, width) = TrainingSize(height, width, environment);

        if (height is not { } finalHeight || width is not { } finalWidth)
        {
            var at = source?.Span ?? _experiment.Syntax.Name.Span;
            throw new ShapeFailure(UnknownInputShape(at));
        }

        CheckNormalization(channels, environment);
        return new MapShape(channels, finalHeight, finalWidth);
    }

    // The size the training transforms give, which the model is built for; the evaluation
    // transforms must give validation and test images that size too, or every evaluation fails.
    private (long? Height, long? Width) TrainingSize(long? height, long? width, Evaluation.Environment environment)
    {
        var augment = Pipeline("augment");
        var evaluate = Pipeline("evaluate");
        var trained = augment?.Body is { } augmenting ? ApplyTransforms(augmenting, height, width, environment) : (height, width);
        var evaluated = evaluate?.Body is { } evaluating ? ApplyTransforms(evaluating, height, width, environment) : (height, width);
        if (trained is ({ } h, { } w) && evaluated is ({ } eh, { } ew) && (h, w) != (eh, ew))
        {
            throw new ShapeFailure(EvaluationSize((evaluate ?? augment!).Span, (h, w), (eh, ew), hasAugment: augment is not null, hasEvaluate: evaluate is not null));
        }

        return trained;
    }

    // A crop or resize fixes the size even when the source's is not known (an image folder).
    private (long? Height, long? Width) ApplyTransforms(ImmutableArray<LoweredStatement> pipeline, long? height, long? width, Evaluation.Environment environment)
    {
        foreach (var layer in pipeline.OfType<LoweredLayer>())
        {
            var entry = layer.Entry;
            var arguments = Arguments(entry.Parameters, layer.Arguments, environment);
            CheckRanges(entry, layer.Span, arguments);
            CheckRangePairs(entry, layer, arguments);
            if (entry.Transform is { Size: ImageSizeEffect.Crops, SizeParameter: { } cropSize } crop && arguments.GetValueOrDefault(cropSize) is IntValue size)
            {
                var padding = crop.PaddingParameter is { } paddingParameter ? (arguments.GetValueOrDefault(paddingParameter) as IntValue)?.Value ?? 0 : 0;
                if (height is { } h && width is { } w && size.Value > Math.Min(h, w) + (2 * padding))
                {
                    throw new ShapeFailure(CropLargerThanImage(layer.Span, ExpressionBinder.Shorten(layer.Span), size.Value, height, width, padding));
                }

                (height, width) = (size.Value, size.Value);
            }
            else if (entry.Transform is { Size: ImageSizeEffect.Resizes, SizeParameter: { } resizeSize } && arguments.GetValueOrDefault(resizeSize) is IntValue resized)
            {
                (height, width) = (resized.Value, resized.Value);
            }
        }

        return (height, width);
    }

    // A range argument ([low, high], rotate's degrees) reaches the runtime as two values; a list of another length cannot.
    private static void CheckRangePairs(CatalogEntry entry, LoweredLayer layer, Dictionary<string, Value> arguments)
    {
        foreach (var parameter in entry.Transform?.Augment.Arguments.Where(a => a.SpreadsPair).Select(a => a.Parameter) ?? [])
        {
            if (arguments.GetValueOrDefault(parameter) is ListValue { Items.Length: not 2 } list)
            {
                var at = layer.Arguments.FirstOrDefault(a => a.Parameter == parameter)?.Value.Span ?? layer.Span;
                var oneNumber = entry.Find(parameter)?.AcceptsType(FloatType.Instance) == true;
                throw new ShapeFailure(TransformRangeLength(at, entry.Name, parameter, list.Items.Length, list.Display, oneNumber));
            }
        }
    }

    private void CheckNormalization(long channels, Evaluation.Environment environment)
    {
        if (Setting("normalize") is not { } normalize)
        {
            return;
        }

        // A preset with fixed statistics (ImageNet's three RGB means and stds) cannot be applied to other channel counts.
        if (normalize.Argument("preset") is LoweredKeyword preset
            && NormalizePresets.Find(preset.Keyword) is { Channels: { } needed, StatisticsName: { } statistics }
            && channels != needed)
        {
            throw new ShapeFailure(PresetNormalizationChannels(preset.Span, preset.Keyword, statistics, channels));
        }

        var wrong = normalize.Arguments.Where(a => a.Parameter is "mean" or "std")
            .Select(a => (Argument: a, List: Evaluate(a.Value, environment) as ListValue))
            .Where(a => a.List is not null && a.List.Items.Length != channels)
            .ToList();
        if (wrong.Count > 0)
        {
            var described = string.Join(" and ", wrong.Select(w => $"'{w.Argument.Parameter}' has {w.List!.Items.Length} value{(w.List.Items.Length == 1 ? "" : "s")}"));
            throw new ShapeFailure(NormalizationLength(wrong[0].Argument.Span, [.. wrong.Select(w => (w.Argument.Parameter, w.List!.Items.Length))], channels));
        }
    }

    // A data setting with a value, and one with a transform list (null when it is not written, or written as the other kind).
    private LoweredSetting? Setting(string name) => _lowered.Data.Find(name) is { Body: null } setting ? setting : null;

    private LoweredSetting? Pipeline(string name) => _lowered.Data.Find(name) is { Body: not null } setting ? setting : null;

    // ---- the model --------------------------------------------------------------------------

    private TensorShape Walk(ImmutableArray<LoweredStatement> statements, TensorShape shape, Evaluation.Environment environment)
    {
        for (var i = 0; i < statements.Length; i++)
        {
            shape = Walk(statements, i, shape, environment);
        }

        return shape;
    }

    private TensorShape Walk(ImmutableArray<LoweredStatement> statements, int index, TensorShape shape, Evaluation.Environment environment)
    {
        Step(1);
        return statements[index] switch
        {
            LoweredLayer layer => Observed(layer, shape, ApplyLayer(layer, shape, environment)),
            LoweredBlockUse use => Observed(use, shape, ApplyBlock(use, shape, environment)),
            LoweredUnresolvedLayer layer => Observed(layer, shape, shape),
            LoweredFor loop => WalkLoop(loop, shape, environment),
            LoweredIfStatement conditional => Walk(
                Evaluator.IsTrue(Evaluate(conditional.Condition, environment)) == true ? conditional.Then : conditional.Else, shape, environment),
            LoweredMatchStatement match => WalkMatch(match, shape, environment),
            LoweredResidual residual => ApplyResidual(residual, shape, environment),
            LoweredFreeze freeze => ApplyFreeze(freeze, shape),
            LoweredReplace replace => ApplyReplace(replace, shape, environment),
            LoweredSkip skip => ApplySkip(skip, shape),
            _ => shape,
        };
    }

    // Counts layers, loop iterations and branches of the unrolled model; the budget pays only for
    // the ones actually walked, not for iterations counted in closed form.
    private void Step(long steps)
    {
        _budget.Spend(steps);
        _steps += steps;
        if (_steps > CheckLimits.MaxUnrolledSteps)
        {
            throw TooLarge(growing: false);
        }
    }

    // Growing: the statement being walked is about to multiply the count, so it is the one to blame.
    private ShapeFailure TooLarge(bool growing, ulong? loopRuns = null)
    {
        var blame = growing || _steps - _topLevelStart >= _largestSteps ? _topLevelStatement : _largestStatement;
        return new(ModelTooLarge(blame?.Span ?? (_experiment.Model ?? (SyntaxNode)_experiment.Syntax.Name).Span, CheckLimits.MaxUnrolledSteps, loopRuns));
    }

    private TensorShape WalkLoop(LoweredFor loop, TensorShape shape, Evaluation.Environment environment)
    {
        var variable = loop.Symbol;
        var (count, values) = Evaluate(loop.Range, environment) switch
        {
            RangeValue range => (range.End > range.Start ? (ulong)(range.End - range.Start) : 0UL, LongRange(range.Start, range.End).Select(v => (Value)new IntValue(v))),
            ListValue list => ((ulong)list.Items.Length, list.Items),
            _ => (0UL, Enumerable.Empty<Value>()),
        };

        // Every iteration is at least one step: a loop that runs more times than the steps left fails before it starts.
        if (count > (ulong)(CheckLimits.MaxUnrolledSteps - _steps))
        {
            throw TooLarge(growing: true, loopRuns: count);
        }

        var repeatable = _loops.IterationsRepeat(loop);
        var done = 0UL;
        foreach (var value in values)
        {
            var before = (Shape: shape, _trainable, _total, _flops, _steps, _backbone);
            Step(1);
            _nesting++;
            shape = Walk(loop.Body, shape, variable is null ? environment : environment.Child((variable, value)));
            _nesting--;
            done++;
            if (repeatable && shape == before.Shape && ReferenceEquals(_backbone, before._backbone))
            {
                // The next iteration starts where this one did, and nothing in it depends on
                // which iteration it is: every remaining one repeats this one exactly.
                var remaining = (long)(count - done);
                var steps = _steps - before._steps;
                if (remaining > (CheckLimits.MaxUnrolledSteps - _steps) / steps)
                {
                    throw TooLarge(growing: true);
                }

                _steps += remaining * steps;
                _trainable = SaturatingAdd(_trainable, SaturatingMultiply(_trainable - before._trainable, remaining));
                _total = SaturatingAdd(_total, SaturatingMultiply(_total - before._total, remaining));
                _flops = SaturatingAdd(_flops, SaturatingMultiply(_flops - before._flops, remaining));
                break;
            }
        }

        return shape;
    }

    // Parameter and FLOP counts of absurd models stop at the largest long instead of wrapping.
    private static long SaturatingMultiply(long value, long times) => Saturate((Int128)value * times);

    private static long SaturatingAdd(long a, long b) => Saturate((Int128)a + b);

    private static long Saturate(Int128 value) => value > long.MaxValue ? long.MaxValue : value < long.MinValue ? long.MinValue : (long)value;

    private static IEnumerable<long> LongRange(long start, long end)
    {
        for (var i = start; i < end; i++)
        {
            yield return i;
        }
    }

    private TensorShape WalkMatch(LoweredMatchStatement match, TensorShape shape, Evaluation.Environment environment)
    {
        var subject = Evaluate(match.Subject, environment);
        var arm = match.Arms.FirstOrDefault(a => _evaluator.Matches(subject, a.Patterns, environment));
        return arm is null ? shape : Walk(arm.Body, shape, environment);
    }

    private TensorShape ApplyBlock(LoweredBlockUse use, TensorShape shape, Evaluation.Environment environment)
    {
        var block = _blocks[use.Block];

        // Every parameter of the block gets a value at every use: that is work too.
        _budget.Spend(block.Parameters.Length);
        var arguments = Arguments(ExperimentBinder.BlockParameterSpecs(use.Block), use.Arguments, environment);
        var bindings = block.Parameters.Select(p => ((Symbol)p.Symbol, BlockArgument(p, arguments, environment))).ToArray();
        return Walk(block.Body, shape, environment.Child(bindings));
    }

    private TensorShape ApplyLayer(LoweredLayer layer, TensorShape shape, Evaluation.Environment environment)
    {
        if (layer.Entry.Kind == EntryKind.Backbone)
        {
            return ApplyBackbone(layer, shape, environment);
        }

        _layersAfterBackbone = true;
        return ApplyCatalogLayer(layer, shape, Arguments(layer.Entry.Parameters, layer.Arguments, environment));
    }

    private Value BlockArgument(LoweredBlockParameter parameter, Dictionary<string, Value> arguments, Evaluation.Environment environment)
    {
        if (arguments.TryGetValue(parameter.Name, out var value) && value is not InactiveValue)
        {
            return value;
        }

        return parameter.Default is { } fallback ? Evaluate(fallback, environment) : InactiveValue.Instance;
    }

    // The entry's shape rule says what the layer makes of the shape and what it costs.
    private TensorShape ApplyCatalogLayer(LoweredLayer layer, TensorShape shape, Dictionary<string, Value> arguments)
    {
        CheckRanges(layer.Entry, layer.Span, arguments);
        var (output, parameters, flops) = layer.Entry.ShapeRule.Apply(shape, arguments, Site(layer.Span));
        AddLayer(parameters, flops);
        return output;
    }

    // Messages quote the layer as it is written.
    private static LayerSite Site(SourceSpan layer) => new(layer, () => ExpressionBinder.Shorten(layer));

    private void AddLayer(long parameters, long flops)
    {
        _trainable += parameters;
        _total += parameters;
        _flops += flops;
    }

    private static MapShape RequireMap(TensorShape shape, LoweredLayer layer) => LayerShapeRule.RequireMap(shape, Site(layer.Span));

    private TensorShape ApplyResidual(LoweredResidual residual, TensorShape input, Evaluation.Environment environment)
    {
        _nesting++;
        var output = Walk(residual.Body, input, environment);
        _nesting--;
        if (output == input)
        {
            return output;
        }

        var projection = residual.Arguments.FirstOrDefault()?.Value is LoweredKeyword { Keyword: "none" } ? "none" : "auto";
        switch (input, output)
        {
            case (MapShape a, MapShape b) when projection != "none":
                var stride = (long)Math.Ceiling((double)a.Height / b.Height);
                if (stride >= 1 && ((a.Height - 1) / stride) + 1 == b.Height && ((a.Width - 1) / stride) + 1 == b.Width)
                {
                    // A 1x1 convolution with that stride, and its batch norm, on the shortcut.
                    AddLayer((a.Channels * b.Channels) + (2 * b.Channels), 2 * b.Channels * b.Height * b.Width * a.Channels);
                    return output;
                }

                break;
            case (FeatureShape a, FeatureShape b) when projection != "none":
                AddLayer((a.Features * b.Features) + b.Features, 2 * a.Features * b.Features);
                return output;
        }

        throw new ShapeFailure(ResidualShape(residual.Span, input.Display, output.Display, withoutProjection: projection == "none"));
    }

    // 'save' keeps the shape under its name; 'concat' joins channels of maps of one size (or
    // features), 'add' sums tensors of one shape. Neither has parameters, and the sum's FLOPs are
    // not counted, as a residual shortcut's are not. The binder proved each read follows its save.
    private TensorShape ApplySkip(LoweredSkip skip, TensorShape shape)
    {
        var name = skip.Name;
        if (skip.Kind == SkipKind.Save)
        {
            _saved[name] = (shape, skip);
            return shape;
        }

        if (!_saved.TryGetValue(name, out var saved))
        {
            return shape;
        }

        var line = saved.Save.Span.Start.Line;
        if (skip.Kind == SkipKind.Add)
        {
            if (saved.Shape != shape)
            {
                throw new ShapeFailure(SkipAddMismatch(skip.Span, name, line, saved.Shape.Display, shape.Display));
            }

            return shape;
        }

        switch (saved.Shape, shape)
        {
            case (MapShape before, MapShape now) when before.Height == now.Height && before.Width == now.Width:
                return now with { Channels = now.Channels + before.Channels };
            case (MapShape before, MapShape now):
                throw new ShapeFailure(SkipConcatSizeMismatch(skip.Span, name, line, before.Display, now.Display, before.Spatial));
            case (FeatureShape before, FeatureShape now):
                return new FeatureShape(before.Features + now.Features);
            default:
                throw new ShapeFailure(SkipConcatKindMismatch(skip.Span, name, line, saved.Shape.Display, shape.Display));
        }
    }

    // ---- backbones --------------------------------------------------------------------------

    private TensorShape ApplyBackbone(LoweredLayer layer, TensorShape shape, Evaluation.Environment environment)
    {
        var entry = layer.Entry;
        RequireTopLevel(layer, $"'{entry.Name}'");
        var map = RequireMap(shape, layer);
        if (map.Channels != 3)
        {
            throw new ShapeFailure(BackboneNeedsRgb(layer.Span, entry.Name, map.Channels));
        }

        var arguments = Arguments(entry.Parameters, layer.Arguments, environment);
        CheckRanges(entry, layer.Span, arguments);
        var classes = (arguments.GetValueOrDefault("classes") as IntValue)?.Value ?? 1000;
        var width = arguments.GetValueOrDefault("width") switch { FloatValue f => f.Value, IntValue i => i.Value, _ => 1.0 };
        var backbone = Backbone.Of(entry.Name, entry.BackboneLayout, map, classes, width);
        if (backbone.Failure is { } failure)
        {
            throw new ShapeFailure(BackboneInputTooSmall(layer.Span, entry.Name, failure));
        }

        // Its trainable parameters are counted at the end, once 'freeze' has had its say.
        _total += backbone.Total;
        _flops += backbone.Flops;
        _backbone = backbone;
        _backboneLayer = layer;
        _layersAfterBackbone = false;
        return backbone.Output;
    }

    // 'replace fc with layer' swaps the backbone's head where it is written: the new head is
    // trainable whatever was frozen before it, as new layers are.
    private TensorShape ApplyReplace(LoweredReplace replace, TensorShape shape, Evaluation.Environment environment)
    {
        RequireTopLevel(replace, "'replace'");
        if (_backbone is not { } backbone)
        {
            throw new ShapeFailure(ReplaceWithoutBackbone(replace.Span));
        }

        var path = Path(replace.Target);
        if (path != backbone.HeadPath)
        {
            throw new ShapeFailure(ReplaceNotHead(replace.TargetSpan, backbone.Name, backbone.HeadPath, path));
        }

        if (replace.Replacement is not LoweredLayer { Entry.Kind: EntryKind.Layer } head)
        {
            throw new ShapeFailure(ReplacementNotLayer(replace.Replacement.Span, ExpressionBinder.Shorten(replace.Replacement.Span), backbone.HeadPath));
        }

        if (_layersAfterBackbone)
        {
            throw new ShapeFailure(ReplaceAfterLayers(replace.Span, backbone.Name, backbone.HeadPath));
        }

        var before = (_trainable, _total, _flops);
        var output = ApplyCatalogLayer(head, new FeatureShape(backbone.HeadInputs), Arguments(head.Entry.Parameters, head.Arguments, environment));
        var (parameters, flops) = (_trainable - before._trainable, _flops - before._flops);
        var (oldParameters, oldFlops) = backbone.ReplaceHead(output, parameters, flops);
        (_trainable, _total, _flops) = (before._trainable, before._total - oldParameters + parameters, before._flops - oldFlops + flops);
        return output;
    }

    private TensorShape ApplyFreeze(LoweredFreeze freeze, TensorShape shape)
    {
        RequireTopLevel(freeze, "'freeze'");
        if (_backbone is not { } backbone)
        {
            throw new ShapeFailure(FreezeWithoutBackbone(freeze.Span));
        }

        foreach (var (path, at) in freeze.Layers.Zip(freeze.LayerSpans))
        {
            if (!backbone.Contains(Path(path)))
            {
                throw new ShapeFailure(NoSuchBackboneLayer(at, backbone.Name, Path(path), Suggestions.Unlimited.Help(Path(path), backbone.TopLevelNames), backbone.TopLevelNames));
            }
        }

        backbone.Freeze(freeze.All, freeze.Layers.Select(Path).ToList());
        if (freeze.All)
        {
            // 'freeze all' is every parameter so far: the layers around the backbone too (they have no names to except).
            _trainable = 0;
        }

        _lastFreeze = freeze;
        return shape;
    }

    // The backbone's head path for messages ('fc' when there is none yet, as in a ResNet).
    private string Head => _backbone?.HeadPath ?? "fc";

    // Backbones, freeze and replace act on the one network being built: inside a loop or a
    // residual body (a network of its own) the generator cannot place them.
    private void RequireTopLevel(LoweredStatement statement, string what)
    {
        if (_nesting > 0)
        {
            throw new ShapeFailure(BackboneNested(statement.Span, what));
        }
    }

    private void CheckSomethingTrains()
    {
        // The backbone's trainable parameters are in the count by now.
        if (_trainable > 0)
        {
            return;
        }

        if (_lastFreeze is { } freeze)
        {
            throw new ShapeFailure(NothingTrainableAfterFreeze(freeze.Span, Head));
        }

        throw new ShapeFailure(NoTrainableParameters(LastStatementSpan));
    }

    private void CheckLearningRateScaleNames()
    {
        if (_lowered.Train.Find("lr_scale")?.Argument("except") is not LoweredList names)
        {
            return;
        }

        foreach (var name in names.Items.OfType<LoweredLayerName>())
        {
            if (_backbone is null)
            {
                throw new ShapeFailure(LearningRateScaleWithoutBackbone(name.Span, name.Name));
            }

            if (!_backbone.Contains(name.Name))
            {
                throw new ShapeFailure(NoSuchBackboneLayer(name.Span, _backbone.Name, name.Name, Suggestions.Unlimited.Help(name.Name, _backbone.TopLevelNames), _backbone.TopLevelNames));
            }
        }
    }

    private static string Path(ImmutableArray<string> path) => string.Join(".", path);

    // Where a problem of the whole model is reported: its last statement (the section when it has none).
    private SourceSpan LastStatementSpan => _lowered.Model?.LastOrDefault()?.Span ?? _experiment.Model!.Span;

    private void CheckOutput(MapShape input, TensorShape output)
    {
        if (Classes is not { } classes)
        {
            return;
        }

        var at = _backbone is not null && output == _backbone.Output ? _backboneLayer!.Span : LastStatementSpan;

        // A task with a class per pixel (segmentation) needs one score map per class, at the input's size.
        if (_task.PerPixel)
        {
            var expected = new MapShape(classes, input.Height, input.Width);
            if (output != expected)
            {
                throw new ShapeFailure(SegmentationOutput(at, _task.Name, output.Display, outputIsMap: output is MapShape, expected.Display, input.Height, input.Width,
                    keepsInputSize: output is MapShape { Height: var h, Width: var w } && (h, w) == (input.Height, input.Width), classes));
            }

            return;
        }
        if (output is MapShape map)
        {
            throw new ShapeFailure(OutputIsFeatureMap(at, map.Display, classes));
        }

        if (output is FeatureShape features && features.Features != classes)
        {
            throw new ShapeFailure(OutputClassMismatch(at, features.Features, classes, _backbone is not null ? Head : null));
        }
    }

    // ---- arguments --------------------------------------------------------------------------

    // Lowering matched the arguments to the parameters; those that match none (only in specs with errors) are left out.
    private Dictionary<string, Value> Arguments(ImmutableArray<ArgSpec> parameters, ImmutableArray<LoweredArgument> arguments, Evaluation.Environment environment)
    {
        var values = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            var spec = parameters.FirstOrDefault(p => p.Name == argument.Parameter);
            if (spec is not null)
            {
                var value = Evaluate(argument.Value, environment);

                // A choice among the argument's keywords (the binder allows only those) means the chosen keyword.
                if (value is EnumValue chosen && spec.Keywords.Contains(chosen.Member))
                {
                    value = new KeywordValue(chosen.Member);
                }

                if (value is not InactiveValue)
                {
                    values[spec.Name] = value;
                }
            }
        }

        foreach (var parameter in parameters)
        {
            if (!values.ContainsKey(parameter.Name) && parameter.Default is { } fallback)
            {
                values[parameter.Name] = fallback;
            }
        }

        return values;
    }

    private static void CheckRanges(CatalogEntry entry, SourceSpan at, Dictionary<string, Value> arguments)
    {
        foreach (var parameter in entry.Parameters)
        {
            if (parameter.Range is { } range && arguments.GetValueOrDefault(parameter.Name)?.AsNumber is { } number && !range.Contains(number))
            {
                // ArgumentRangeChecker reports it, at the argument; here the point just cannot be built.
                throw ShapeFailure.LeftOut(at);
            }
        }
    }

    private Value Evaluate(LoweredExpression expression, Evaluation.Environment environment) => _evaluator.Evaluate(expression, environment);
}
