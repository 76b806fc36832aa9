using System.Collections.Immutable;
using System.Globalization;
using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Lowering;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Emit;

/// <summary>
/// Prints the lowered train section (and the data section's preprocessing) as the runtime's
/// <c>TrainingOptions</c>: optimizer, schedule (with <c>then</c>), loss, clipping, early
/// stopping, extra metrics, learning-rate scaling, normalisation and augmentation. It reads the
/// settings' arguments as lowering matched them to the catalogue's parameters, never the syntax.
/// </summary>
internal sealed class TrainingEmitter
{
    private const string Runtime = "global::HyperDsl.Runtime";
    private readonly LoweredExperiment _lowered;
    private readonly ImmutableArray<LoweredSetting> _data;
    private readonly BoundExperiment _bound;
    private readonly Func<LoweredExpression, bool, string> _expression;

    /// <param name="lowered">The experiment whose settings are printed.</param>
    /// <param name="bound">The checked experiment, whose model folds the device indices as the checker does (<see cref="DeviceSetting"/>).</param>
    /// <param name="expression">Prints an expression computed from the trial's parameters (optionally leaving a conditional one nullable).</param>
    public TrainingEmitter(LoweredExperiment lowered, BoundExperiment bound, Func<LoweredExpression, bool, string> expression)
    {
        _lowered = lowered;
        _bound = bound;

        // The data is loaded once, before any point exists: fixed values from params are written out.
        _data = [.. lowered.Data.Select(s => s with { Arguments = [.. s.Arguments.Select(a => a with { Value = ConstantFolder.Inline(a.Value, bound.Model) })] })];
        _expression = expression;
    }

    /// <summary>The initialisers of a <c>TrainingOptions</c>, one per line.</summary>
    public IEnumerable<string> Initialisers()
    {
        yield return $"Epochs = {Int(_lowered.Train.Find("epochs")?.Value!)},";
        if (_lowered.Train.Find("batch")?.Value is { } batch)
        {
            yield return $"BatchSize = {Int(batch)},";
        }

        yield return $"Optimizer = {Object(_lowered.Train.Find("optimizer")?.Value!)},";
        if (_lowered.Train.Find("schedule")?.Value is { } schedule)
        {
            yield return $"Schedule = {Object(schedule)},";
        }

        if (_lowered.Train.Find("loss")?.Value is { } loss)
        {
            yield return $"Loss = {Object(loss)},";
        }

        if (_lowered.Train.Find("clip")?.Value is { } clip)
        {
            yield return $"ClipGradientNorm = {_expression(clip, false)},";
        }

        if (_lowered.Train.Find("precision")?.Argument("precision") is LoweredKeyword precision)
        {
            yield return $"Precision = {Runtime}.Training.TrainingPrecision.{Pascal(precision.Keyword)},";
        }

        if (_lowered.Train.Find("early_stop") is { } early)
        {
            var watched = early.Argument("metric")!;
            var metric = BuiltinCatalog.FindMetric(Word(watched))?.EpochMetric ?? throw Unsupported(watched);
            var patience = early.Argument("patience") is { } p ? Int(p) : "3";
            var delta = early.Argument("min_delta") is { } d ? _expression(d, false) : "0.0";
            yield return $"EarlyStopping = new {Runtime}.Training.EarlyStopping({Runtime}.Training.Metric.{metric}, {patience}, {delta}),";
        }

        if (_lowered.Train.Find("metrics") is { } metrics)
        {
            var flags = Items(metrics.Argument("metric")).Select(m => BuiltinCatalog.FindExtraMetric(Word(m))?.RuntimeFlag).OfType<string>()
                .Select(flag => $"{Runtime}.Training.ExtraMetrics.{flag}").ToList();
            if (flags.Count > 0)
            {
                yield return $"Metrics = {string.Join(" | ", flags)},";
            }
        }

        if (_lowered.Train.Find("lr_scale") is { } scale)
        {
            var except = string.Join(", ", Items(scale.Argument("except")).Select(n => CSharpNames.String(Word(n))));
            yield return $"LearningRateScale = new {Runtime}.Training.LearningRateScale({_expression(scale.Argument("factor")!, false)}, [{except}]),";
        }

        if (_lowered.Train.Find("seed")?.Value is { } seed)
        {
            yield return $"Seed = {_expression(seed, false)},";
        }

        // A list of GPUs trains on its first here; the study runner gives each parallel trial its own.
        var devices = DeviceSetting.Read(_lowered, _bound.Model);
        if (devices.Keyword is { } device)
        {
            yield return $"Device = {Runtime}.DeviceChoice.{Pascal(device.Keyword)},";
        }
        else if (devices.CudaDevices is [var first, ..])
        {
            yield return $"Device = {Runtime}.DeviceChoice.Cuda, CudaIndex = {first.ToString(CultureInfo.InvariantCulture)},";
        }

        if (_data.Find("normalize") is { } normalize)
        {
            yield return $"Normalization = {Normalization(normalize)},";
        }

        if (_data.Find("augment") is { Body: { } augment })
        {
            // mixup and cutmix mix whole batches and their labels: the trainer's Mixing, after the per-image pipeline (the checker keeps them last, HYP4051).
            var mixing = augment.Where(MixesLabels).ToList();
            yield return $"Augmentation = {Runtime}.Augmentation.Augment.Pipeline({string.Join(", ", augment.Except(mixing).Select(Augmentation))}),";
            if (mixing.Count > 0)
            {
                yield return $"Mixing = {Runtime}.Augmentation.Augment.Mixing({string.Join(", ", mixing.Select(Augmentation))}),";
            }
        }

        if (_data.Find("evaluate") is { Body: { } evaluate })
        {
            yield return $"EvaluationTransform = {Runtime}.Augmentation.Evaluate.Pipeline({string.Join(", ", evaluate.Select(Evaluation))}),";
        }
    }

    /// <summary>The statements of <c>LoadData</c>: the source, the validation split and the test source.</summary>
    public IEnumerable<string> DataStatements()
    {
        // The checker refuses data settings that use parameters (HYP5020): LoadData runs once, before any point exists.
        var source = _data.Find("source")?.Value!;
        yield return $"var data = {Splits(source)};";
        switch (_data.Find("validation")?.Value)
        {
            case LoweredQuantity { Unit: QuantityUnit.Percent } percent:
                yield return $"data = data.WithValidationFraction({_expression(percent.Amount, false)} / 100.0, seed);";
                break;
            case LoweredLiteral { Value: FloatValue or IntValue } fraction:
                yield return $"data = data.WithValidationFraction({_expression(fraction, false)}, seed);";
                break;
            case { } other:
                yield return $"data = data.WithValidation({Dataset(other)});";
                break;
        }

        if (_data.Find("test")?.Value is { } test)
        {
            yield return $"data = data.WithTest({Dataset(test)});";
        }

        // The data section's resize applies to every source, as the checker proved the shape for
        // (an image folder is loaded at that size already; the other splits are resized here).
        if (ResizedSize() is { } size)
        {
            yield return $"data = data.Resized({size.Height}, {size.Width});";
        }

        yield return "return data;";
    }

    // A source whose loader gives the training and test splits itself (Fashion-MNIST) is loaded as they are; any other is the training split.
    private string Splits(LoweredExpression source)
    {
        var (entry, args) = Call(source);
        return entry.Source is { LoadsSplits: true } meaning
            ? RuntimeCall(meaning.Load, args)
            : $"new {Runtime}.Data.DataSplits({Dataset(source)})";
    }

    private string Dataset(LoweredExpression source)
    {
        var (entry, args) = Call(source);
        if (entry.Source is not { LoadsSplits: false } meaning)
        {
            throw Unsupported(source);
        }

        // A source decoded once (an image folder) is decoded at the data section's size.
        string[] size = meaning.DecodesAtResize && ResizedSize() is { } resized ? [$"height: {resized.Height}", $"width: {resized.Width}"] : [];
        return RuntimeCall(meaning.Load, args, size);
    }

    // The data section's 'resize': one size for both sides, or [height, width].
    // A size that depends on the point is applied per trial instead (ImageSizeAt), not here.
    private (string Height, string Width)? ResizedSize() => _data.Find("resize")?.Value switch
    {
        null => null,
        var searched when LoweredWalker.Expressions(searched).Any(e => e is LoweredParameterReference) => null,
        LoweredList { Items: [var height, var width] } => (Int(height), Int(width)),
        LoweredList list => throw Unsupported(list),
        var size => (Int(size), Int(size)),
    };

    // Relative paths in a spec are relative to the spec's folder, which the caller passes.
    private string PathIn(LoweredExpression path) => $"Locate(baseDirectory, {_expression(path, false)})";

    private static (CatalogEntry Entry, Dictionary<string, LoweredExpression> Arguments) Call(LoweredExpression source) => source switch
    {
        LoweredCall call => (call.Entry, Arguments(call.Arguments)),
        _ => throw Unsupported(source),
    };

    private string Normalization(LoweredSetting normalize)
    {
        if (normalize.Argument("preset") is { } preset)
        {
            return preset is LoweredKeyword keyword && NormalizePresets.Find(keyword.Keyword) is { } meaning
                ? $"{Runtime}.Data.Normalization.{meaning.RuntimeMember}"
                : throw Unsupported(preset);
        }

        return $"{Runtime}.Data.Normalization.Given({Doubles(normalize.Argument("mean")!)}, {Doubles(normalize.Argument("std")!)})";
    }

    // A list written out converts item by item; any other list of numbers (a fixed parameter such as
    // 'mean = [0.5]', an 'if' between lists) is a long[] or double[] in generated code, spread into doubles.
    // A conditional parameter may be inactive (null), which 'normalize' has no default for.
    private string Doubles(LoweredExpression list) => list switch
    {
        LoweredList items => "[" + string.Join(", ", items.Items.Select(i => $"(double)({_expression(i, false)})")) + "]",
        { Type: ListType { Element: IntType or FloatType } }
            when !LoweredWalker.Expressions(list).Any(e => e is LoweredParameterReference { Parameter.IsConditional: true }) => $"[.. ({_expression(list, false)})]",
        _ => throw Unsupported(list),
    };

    private string Augmentation(LoweredStatement statement)
    {
        if (statement is not LoweredLayer layer)
        {
            throw Unsupported(statement);
        }

        var args = Arguments(layer.Arguments);
        var meaning = layer.Entry.Transform ?? throw new NotSupportedException($"the transform '{layer.Entry.Name}' is not generated yet");
        var transform = RuntimeCall(meaning.Augment, args);

        // A probability the transform has no parameter for at runtime (rotate's p) wraps it: each image is transformed with that probability.
        return meaning.WrappedProbability is { } probability && args.TryGetValue(probability, out var p)
            ? $"{Runtime}.Augmentation.Augment.WithProbability({transform}, {_expression(p, false)})"
            : transform;
    }

    private static bool MixesLabels(LoweredStatement statement) => statement is LoweredLayer { Entry.Transform.MixesLabels: true };

    private string Evaluation(LoweredStatement statement) =>
        statement is LoweredLayer { Entry.Transform.Evaluate: { } evaluate } layer
            ? RuntimeCall(evaluate, Arguments(layer.Arguments))
            : throw Unsupported(statement);

    // The runtime call a data source's or transform's catalogue meaning describes, given the spec's arguments.
    private string RuntimeCall(DataRuntimeCall call, Dictionary<string, LoweredExpression> args, params string[] trailing)
    {
        var passed = new List<string>();
        foreach (var argument in call.Arguments)
        {
            if (!args.TryGetValue(argument.Parameter, out var value))
            {
                if (argument.Fallback is { } fallback)
                {
                    passed.Add(fallback);
                }
            }
            else if (argument.SpreadsPair && value is LoweredList { Items: [var low, var high] })
            {
                passed.Add(DataArgument(argument.Kind, low));
                passed.Add(DataArgument(argument.Kind, high));
            }
            else if (argument.SpreadsPair && value.Type is ListType)
            {
                // A range held by a parameter ('degrees: range' with 'range = [-10, 10]'): the shape check proved it has two values.
                var list = _expression(value, false);
                passed.Add(PairItem(argument.Kind, $"({list})[0]", value));
                passed.Add(PairItem(argument.Kind, $"({list})[1]", value));
            }
            else if (argument.Kind == DataCallArgumentKind.Keyword)
            {
                passed.Add(DataKeyword(argument, value));
            }
            else
            {
                passed.Add(DataArgument(argument.Kind, value));
            }
        }

        return $"{Runtime}.{call.Method}({string.Join(", ", passed.Concat(trailing))})";
    }

    private static string PairItem(DataCallArgumentKind kind, string item, LoweredExpression list) => kind switch
    {
        DataCallArgumentKind.Double => $"(double)({item})",
        DataCallArgumentKind.Value => item,
        _ => throw Unsupported(list),
    };

    private string DataArgument(DataCallArgumentKind kind, LoweredExpression value) => kind switch
    {
        DataCallArgumentKind.Int => Int(value),
        DataCallArgumentKind.Double => $"(double)({_expression(value, false)})",
        DataCallArgumentKind.Path => PathIn(value),
        DataCallArgumentKind.IntList => value is LoweredList list ? $"[{string.Join(", ", list.Items.Select(Int))}]" : throw Unsupported(value),
        _ => _expression(value, false),
    };

    // A written keyword as the runtime enum's member of that name in PascalCase ('cifar10' is AutoAugmentPolicy.Cifar10).
    private static string DataKeyword(DataCallArgument argument, LoweredExpression value) =>
        value is LoweredKeyword keyword && argument.EnumType is { } type
            ? $"global::{type}.{CSharpNames.Pascal(keyword.Keyword)}"
            : throw Unsupported(value);

    // ---- optimizers, schedules, losses --------------------------------------------------------

    private string Object(LoweredExpression expression) => expression switch
    {
        LoweredBinary { Operator: BinaryOperator.Then } then => $"{Object(then.Left)}.Then({Object(then.Right)})",
        LoweredMatch match => Match(match),
        LoweredIf conditional => $"({_expression(conditional.Condition, false)} ? {Object(conditional.Then)} : {Object(conditional.Else)})",
        LoweredCall call => Entry(call.Entry, Arguments(call.Arguments)),
        _ => throw Unsupported(expression),
    };

    private string Match(LoweredMatch match)
    {
        var arms = match.Arms.Select(arm => string.Join(" or ", arm.Patterns.Select(p => p is null ? "_" : _expression(p, false)))
            + " => " + Object(arm.Value));
        var exhaustive = match.Arms.Any(a => a.Patterns.Any(p => p is null)) ? "" : ", _ => throw new global::System.InvalidOperationException(\"No arm of the match applies.\")";
        return $"({_expression(match.Subject, false)} switch {{ {string.Join(", ", arms)}{exhaustive} }})";
    }

    // An optimizer, schedule or loss as its catalogue entry says the runtime makes it.
    private string Entry(CatalogEntry entry, Dictionary<string, LoweredExpression> args)
    {
        var factory = entry.Factory ?? throw new NotSupportedException($"'{entry.Name}' is not generated yet");
        if (factory.IsProperty)
        {
            return $"global::{factory.TypeName}.{factory.Member}";
        }

        // An inactive conditional parameter given to an optional argument means its default.
        string Arg(string name) => args.TryGetValue(name, out var value) && entry.Find(name) is { } spec
            ? value is LoweredParameterReference { Parameter.IsConditional: true } && !spec.Required && spec.Default is { } fallback
                ? $"({_expression(value, true)} ?? {Literal(fallback)})"
                : _expression(value, false)
            : Literal(entry.Find(name)?.Default ?? throw new NotSupportedException($"'{entry.Name}' without '{name}'"));
        string Value(FactoryArgument argument) => argument.Kind switch
        {
            FactoryArgumentKind.Double => $"(double)({Arg(argument.Parameter)})",
            FactoryArgumentKind.Int => Int(args[argument.Parameter]),
            FactoryArgumentKind.Length => Length(args[argument.Parameter]),
            FactoryArgumentKind.Keyword => Keyword(argument, args[argument.Parameter]),
            FactoryArgumentKind.DoubleList => $"global::System.Array.ConvertAll({_expression(args[argument.Parameter], false)}, v => (double)v)",
            FactoryArgumentKind.Milestones => MilestoneList(args[argument.Parameter]),
            _ => Arg(argument.Parameter),
        };

        // Required parameters are always passed; optional ones only when given, leaving the method's default otherwise.
        var passed = factory.Arguments.Where(a => args.ContainsKey(a.Parameter) || entry.Find(a.Parameter) is { Required: true })
            .Select(a => a.Name is null ? Value(a) : $"{a.Name}: {Value(a)}");
        var member = factory.StepsMember is { } steps && factory.Arguments.Any(a => a.Kind == FactoryArgumentKind.Milestones && Milestones(args[a.Parameter]).Unit == QuantityUnit.Steps)
            ? steps
            : factory.Member;
        return $"global::{factory.TypeName}.{member}({string.Join(", ", passed)})";
    }

    // A keyword is the runtime enum's member of that name in PascalCase ('triangular2' is CyclicMode.Triangular2);
    // the binder lets only a written keyword through to these arguments.
    private static string Keyword(FactoryArgument argument, LoweredExpression value) =>
        value is LoweredKeyword keyword && argument.EnumType is { } type
            ? $"global::{type}.{CSharpNames.Pascal(keyword.Keyword)}"
            : throw new NotSupportedException($"'{argument.Parameter}' takes a keyword of a runtime enum");

    private string Length(LoweredExpression quantity) => quantity switch
    {
        LoweredQuantity { Unit: QuantityUnit.Epochs or QuantityUnit.Steps } q => $"{Runtime}.Training.TrainingLength.{LengthUnit(q.Unit)}({_expression(q.Amount, false)})",

        // A derived length ('warm = w epochs'): its property holds the count, its type the unit.
        LoweredParameterReference { Parameter.Type: QuantityType { Unit: QuantityUnit.Epochs or QuantityUnit.Steps } length } =>
            $"{Runtime}.Training.TrainingLength.{LengthUnit(length.Unit)}({_expression(quantity, false)})",
        _ => throw Unsupported(quantity),
    };

    private static string LengthUnit(QuantityUnit unit) => unit == QuantityUnit.Epochs ? "Epochs" : "Steps";

    // Epoch milestones are ints, step milestones longs, item by item when the list is written out.
    private string MilestoneList(LoweredExpression quantity)
    {
        var (unit, items, counts) = Milestones(quantity);
        if (counts is not null)
        {
            // A list computed at the point ('lst epochs' with 'lst = [2, 4]', or a derived 'ms = [2, 4] epochs'): converted as a whole.
            return unit == QuantityUnit.Steps
                ? $"global::System.Array.ConvertAll({_expression(counts, false)}, v => (long)v)"
                : $"global::System.Array.ConvertAll({_expression(counts, false)}, v => {Runtime}.SpecMath.ToInt((long)v))";
        }

        return unit == QuantityUnit.Steps
            ? $"[{string.Join(", ", items.Select(m => $"(long)({_expression(m, false)})"))}]"
            : $"[{string.Join(", ", items.Select(Int))}]";
    }

    // Milestones as '[1, 3] epochs' or '[1 epoch, 3 epochs]' (one unit: the binder's list type says so), or
    // as a list of counts computed at the point: 'lst epochs', or a name whose type is a list of epochs or steps.
    private static (QuantityUnit Unit, ImmutableArray<LoweredExpression> Items, LoweredExpression? Counts) Milestones(LoweredExpression quantity) => quantity switch
    {
        LoweredQuantity { Unit: QuantityUnit.Epochs or QuantityUnit.Steps, Amount: LoweredList list } q => (q.Unit, list.Items, null),
        LoweredList { Items: [LoweredQuantity first, ..] } list when list.Items.All(i => i is LoweredQuantity q && q.Unit == first.Unit) && first.Unit is QuantityUnit.Epochs or QuantityUnit.Steps =>
            (first.Unit, [.. list.Items.Select(i => ((LoweredQuantity)i).Amount)], null),
        LoweredQuantity { Unit: QuantityUnit.Epochs or QuantityUnit.Steps, Amount.Type: ListType { Element: IntType } } q => (q.Unit, [], q.Amount),
        { Type: ListType { Element: QuantityType { Unit: QuantityUnit.Epochs or QuantityUnit.Steps } element } } => (element.Unit, [], quantity),
        _ => throw Unsupported(quantity),
    };

    private string Int(LoweredExpression expression) =>
        expression is LoweredLiteral { Value: IntValue number }
            ? number.Value.ToString(CultureInfo.InvariantCulture)
            : $"{Runtime}.SpecMath.ToInt({_expression(expression, false)})";

    private static string Literal(Value value) => value switch
    {
        IntValue i => CSharpNames.Long(i.Value),
        FloatValue f => CSharpNames.Double(f.Value),
        BoolValue b => b.Value ? "true" : "false",
        _ => throw new NotSupportedException($"the default {value.Display}"),
    };

    private static string Pascal(string name) => CSharpNames.Pascal(name);

    // A metric or layer name as written: the keyword it was bound to, or a layer name (a string).
    private static string Word(LoweredExpression expression) => expression switch
    {
        LoweredKeyword keyword => keyword.Keyword,
        LoweredLiteral { Value: StringValue text } => text.Value,
        LoweredLayerName layer => layer.Name,
        _ => throw Unsupported(expression),
    };

    // The values of a list argument (a variadic one arrives as one list); none when it was not given.
    private static IEnumerable<LoweredExpression> Items(LoweredExpression? value) => value switch
    {
        null => [],
        LoweredList list => list.Items,
        _ => [value],
    };

    private static Dictionary<string, LoweredExpression> Arguments(ImmutableArray<LoweredArgument> arguments) =>
        arguments.ToDictionary(a => a.Parameter, a => a.Value, StringComparer.Ordinal);

    private static NotSupportedException Unsupported(LoweredExpression expression) => new($"'{ExpressionBinder.Shorten(expression.Span)}' is not generated yet");

    private static NotSupportedException Unsupported(LoweredStatement statement) => new($"'{ExpressionBinder.Shorten(statement.Span)}' is not generated yet");
}
