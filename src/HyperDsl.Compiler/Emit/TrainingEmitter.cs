using System.Globalization;
using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Emit;

/// <summary>
/// Translates the train section (and the data section's preprocessing) into the runtime's
/// <c>TrainingOptions</c>: optimizer, schedule (with <c>then</c>), loss, clipping, early
/// stopping, extra metrics, learning-rate scaling, normalisation and augmentation.
/// </summary>
internal sealed class TrainingEmitter
{
    private const string Runtime = "global::HyperDsl.Runtime";
    private readonly BoundExperiment _bound;
    private readonly Func<ExpressionSyntax, bool, string> _expression;

    public TrainingEmitter(BoundExperiment bound, Func<ExpressionSyntax, bool, string> expression)
    {
        _bound = bound;
        _expression = expression;
    }

    private SemanticModel Model => _bound.Model;

    /// <summary>The initialisers of a <c>TrainingOptions</c>, one per line.</summary>
    public IEnumerable<string> Initialisers()
    {
        yield return $"Epochs = {Int(Value(SectionKind.Train, "epochs")!)},";
        if (Value(SectionKind.Train, "batch") is { } batch)
        {
            yield return $"BatchSize = {Int(batch)},";
        }

        yield return $"Optimizer = {Object(Value(SectionKind.Train, "optimizer")!)},";
        if (Value(SectionKind.Train, "schedule") is { } schedule)
        {
            yield return $"Schedule = {Object(schedule)},";
        }

        if (Value(SectionKind.Train, "loss") is { } loss)
        {
            yield return $"Loss = {Object(loss)},";
        }

        if (Value(SectionKind.Train, "clip") is { } clip)
        {
            yield return $"ClipGradientNorm = {_expression(clip, false)},";
        }

        if (Setting(SectionKind.Train, "early_stop") is { } early)
        {
            var watched = early.Arguments[0].Value;
            var metric = BuiltinCatalog.FindMetric(((NameSyntax)watched).Name)?.EpochMetric ?? throw Unsupported(watched);
            var patience = Named(early, "patience") is { } p ? Int(p) : "3";
            var delta = Named(early, "min_delta") is { } d ? _expression(d, false) : "0.0";
            yield return $"EarlyStopping = new {Runtime}.Training.EarlyStopping({Runtime}.Training.Metric.{metric}, {patience}, {delta}),";
        }

        if (Setting(SectionKind.Train, "metrics") is { } metrics)
        {
            var flags = metrics.Arguments.Select(a => BuiltinCatalog.FindExtraMetric(((NameSyntax)a.Value).Name)?.RuntimeFlag).OfType<string>()
                .Select(flag => $"{Runtime}.Training.ExtraMetrics.{flag}").ToList();
            if (flags.Count > 0)
            {
                yield return $"Metrics = {string.Join(" | ", flags)},";
            }
        }

        if (Setting(SectionKind.Train, "lr_scale") is { } scale)
        {
            var except = Named(scale, "except") is ListSyntax names ? string.Join(", ", names.Items.OfType<NameSyntax>().Select(n => CSharpNames.String(n.Name))) : "";
            yield return $"LearningRateScale = new {Runtime}.Training.LearningRateScale({_expression(scale.Arguments[0].Value, false)}, [{except}]),";
        }

        if (Value(SectionKind.Train, "seed") is { } seed)
        {
            yield return $"Seed = {_expression(seed, false)},";
        }

        // A list of GPUs trains on its first here; the study runner gives each parallel trial its own.
        var devices = DeviceSetting.Read(_bound.Experiment, Model);
        if (devices.Keyword is { } device)
        {
            yield return $"Device = {Runtime}.DeviceChoice.{Pascal(device.Name)},";
        }
        else if (devices.CudaDevices is [var first, ..])
        {
            yield return $"Device = {Runtime}.DeviceChoice.Cuda, CudaIndex = {first.ToString(System.Globalization.CultureInfo.InvariantCulture)},";
        }

        if (Setting(SectionKind.Data, "normalize") is { } normalize)
        {
            yield return $"Normalization = {Normalization(normalize)},";
        }

        if (_bound.Experiment.Setting(SectionKind.Data, "augment") is BlockSettingSyntax augment)
        {
            // mixup and cutmix mix whole batches and their labels: the trainer's Mixing, after the per-image pipeline (the checker keeps them last, HYP4051).
            var mixing = augment.Body.Where(MixesLabels).ToList();
            yield return $"Augmentation = {Runtime}.Augmentation.Augment.Pipeline({string.Join(", ", augment.Body.Except(mixing).Select(Augmentation))}),";
            if (mixing.Count > 0)
            {
                yield return $"Mixing = {Runtime}.Augmentation.Augment.Mixing({string.Join(", ", mixing.Select(Augmentation))}),";
            }
        }

        if (_bound.Experiment.Setting(SectionKind.Data, "evaluate") is BlockSettingSyntax evaluate)
        {
            yield return $"EvaluationTransform = {Runtime}.Augmentation.Evaluate.Pipeline({string.Join(", ", evaluate.Body.Select(Evaluation))}),";
        }
    }

    /// <summary>The statements of <c>LoadData</c>: the source, the validation split and the test source.</summary>
    public IEnumerable<string> DataStatements()
    {
        // The checker refuses data settings that use parameters (HYP5020): LoadData runs once, before any point exists.
        var source = Value(SectionKind.Data, "source")!;
        yield return $"var data = {Splits(source)};";
        switch (Value(SectionKind.Data, "validation"))
        {
            case QuantitySyntax { Unit: QuantityUnit.Percent } percent:
                yield return $"data = data.WithValidationFraction({_expression(percent.Value, false)} / 100.0, seed);";
                break;
            case NumberLiteralSyntax fraction:
                yield return $"data = data.WithValidationFraction({_expression(fraction, false)}, seed);";
                break;
            case { } other:
                yield return $"data = data.WithValidation({Dataset(other)});";
                break;
        }

        if (Value(SectionKind.Data, "test") is { } test)
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
    private string Splits(ExpressionSyntax source)
    {
        var (entry, args) = Call(source);
        return entry.Source is { LoadsSplits: true } meaning
            ? RuntimeCall(meaning.Load, args)
            : $"new {Runtime}.Data.DataSplits({Dataset(source)})";
    }

    private string Dataset(ExpressionSyntax source)
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
    private (string Height, string Width)? ResizedSize() => Value(SectionKind.Data, "resize") switch
    {
        null => null,
        var searched when SyntaxWalker.Names(searched).Any(n => Model.GetResolution(n) is ParameterSymbol) => null,
        ListSyntax { Items: [var height, var width] } => (Int(height), Int(width)),
        ListSyntax list => throw Unsupported(list),
        var size => (Int(size), Int(size)),
    };

    // Relative paths in a spec are relative to the spec's folder, which the caller passes.
    private string PathIn(ExpressionSyntax path) => $"Locate(baseDirectory, {_expression(path, false)})";

    private (CatalogEntry Entry, Dictionary<string, ExpressionSyntax> Arguments) Call(ExpressionSyntax source) => source switch
    {
        CallSyntax call when Model.GetResolution(call) is CatalogEntry entry => (entry, Arguments(entry, call.Arguments)),
        _ => throw Unsupported(source),
    };

    private string Normalization(ValueSettingSyntax normalize)
    {
        if (normalize.Arguments.FirstOrDefault(a => a.Name is null)?.Value is NameSyntax preset)
        {
            return NormalizePresets.Find(preset.Name) is { } meaning ? $"{Runtime}.Data.Normalization.{meaning.RuntimeMember}" : throw Unsupported(preset);
        }

        var mean = Named(normalize, "mean")!;
        var std = Named(normalize, "std")!;
        return $"{Runtime}.Data.Normalization.Given({Doubles(mean)}, {Doubles(std)})";
    }

    // A list written out converts item by item; any other list of numbers (a fixed parameter such as
    // 'mean = [0.5]', an 'if' between lists) is a long[] or double[] in generated code, spread into doubles.
    // A conditional parameter may be inactive (null), which 'normalize' has no default for.
    private string Doubles(ExpressionSyntax list) => list switch
    {
        ListSyntax items => "[" + string.Join(", ", items.Items.Select(i => $"(double)({_expression(i, false)})")) + "]",
        _ when Model.GetType(list) is ListType { Element: IntType or FloatType }
            && !SyntaxWalker.Names(list).Any(n => Model.GetResolution(n) is ParameterSymbol { IsConditional: true }) => $"[.. ({_expression(list, false)})]",
        _ => throw Unsupported(list),
    };

    private string Augmentation(StatementSyntax statement)
    {
        if (statement is not LayerSyntax layer || Model.GetResolution(layer) is not CatalogEntry entry)
        {
            throw Unsupported(statement);
        }

        var args = Arguments(entry, layer);
        var meaning = entry.Transform ?? throw new NotSupportedException($"the transform '{entry.Name}' is not generated yet");
        var transform = RuntimeCall(meaning.Augment, args);

        // A probability the transform has no parameter for at runtime (rotate's p) wraps it: each image is transformed with that probability.
        return meaning.WrappedProbability is { } probability && args.TryGetValue(probability, out var p)
            ? $"{Runtime}.Augmentation.Augment.WithProbability({transform}, {_expression(p, false)})"
            : transform;
    }

    private bool MixesLabels(StatementSyntax statement) =>
        statement is LayerSyntax layer && Model.GetResolution(layer) is CatalogEntry { Transform.MixesLabels: true };

    private string Evaluation(StatementSyntax statement) =>
        statement is LayerSyntax layer && Model.GetResolution(layer) is CatalogEntry { Transform.Evaluate: { } evaluate } entry
            ? RuntimeCall(evaluate, Arguments(entry, layer))
            : throw Unsupported(statement);

    // The runtime call a data source's or transform's catalogue meaning describes, given the spec's arguments.
    private string RuntimeCall(DataRuntimeCall call, Dictionary<string, ExpressionSyntax> args, params string[] trailing)
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
            else if (argument.SpreadsPair && value is ListSyntax { Items: [var low, var high] })
            {
                passed.Add(DataArgument(argument.Kind, low));
                passed.Add(DataArgument(argument.Kind, high));
            }
            else if (argument.SpreadsPair && Model.GetType(value) is ListType)
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

    private static string PairItem(DataCallArgumentKind kind, string item, ExpressionSyntax list) => kind switch
    {
        DataCallArgumentKind.Double => $"(double)({item})",
        DataCallArgumentKind.Value => item,
        _ => throw Unsupported(list),
    };

    private string DataArgument(DataCallArgumentKind kind, ExpressionSyntax value) => kind switch
    {
        DataCallArgumentKind.Int => Int(value),
        DataCallArgumentKind.Double => $"(double)({_expression(value, false)})",
        DataCallArgumentKind.Path => PathIn(value),
        DataCallArgumentKind.IntList => value is ListSyntax list ? $"[{string.Join(", ", list.Items.Select(Int))}]" : throw Unsupported(value),
        _ => _expression(value, false),
    };

    // A written keyword as the runtime enum's member of that name in PascalCase ('cifar10' is AutoAugmentPolicy.Cifar10).
    private string DataKeyword(DataCallArgument argument, ExpressionSyntax value) =>
        Model.GetResolution(value) is KeywordValue keyword && argument.EnumType is { } type
            ? $"global::{type}.{CSharpNames.Pascal(keyword.Keyword)}"
            : throw Unsupported(value);

    // ---- optimizers, schedules, losses --------------------------------------------------------

    private string Object(ExpressionSyntax expression) => expression switch
    {
        BinarySyntax { Operator: BinaryOperator.Then } then => $"{Object(then.Left)}.Then({Object(then.Right)})",
        MatchExpressionSyntax match => Match(match),
        IfExpressionSyntax conditional => $"({_expression(conditional.Condition, false)} ? {Object(conditional.Then)} : {Object(conditional.Else)})",
        CallSyntax call when Model.GetResolution(call) is CatalogEntry entry => Entry(entry, Arguments(entry, call.Arguments)),
        NameSyntax name when Model.GetResolution(name) is CatalogEntry entry => Entry(entry, []),
        _ => throw Unsupported(expression),
    };

    private string Match(MatchExpressionSyntax match)
    {
        var arms = match.Arms.Select(arm => string.Join(" or ", arm.Patterns.Select(p => p is ExpressionPatternSyntax value ? _expression(value.Value, false) : "_"))
            + " => " + Object(arm.Value));
        var exhaustive = match.Arms.Any(a => a.Patterns.Any(p => p is WildcardPatternSyntax)) ? "" : ", _ => throw new global::System.InvalidOperationException(\"No arm of the match applies.\")";
        return $"({_expression(match.Subject, false)} switch {{ {string.Join(", ", arms)}{exhaustive} }})";
    }

    // An optimizer, schedule or loss as its catalogue entry says the runtime makes it.
    private string Entry(CatalogEntry entry, Dictionary<string, ExpressionSyntax> args)
    {
        var factory = entry.Factory ?? throw new NotSupportedException($"'{entry.Name}' is not generated yet");
        if (factory.IsProperty)
        {
            return $"global::{factory.TypeName}.{factory.Member}";
        }

        // An inactive conditional parameter given to an optional argument means its default.
        string Arg(string name) => args.TryGetValue(name, out var value) && entry.Find(name) is { } spec
            ? value is NameSyntax n && Model.GetResolution(n) is ParameterSymbol { IsConditional: true } && !spec.Required && spec.Default is { } fallback
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
    private string Keyword(FactoryArgument argument, ExpressionSyntax value) =>
        Model.GetResolution(value) is KeywordValue keyword && argument.EnumType is { } type
            ? $"global::{type}.{CSharpNames.Pascal(keyword.Keyword)}"
            : throw new NotSupportedException($"'{argument.Parameter}' takes a keyword of a runtime enum");

    private string Length(ExpressionSyntax quantity) => quantity switch
    {
        QuantitySyntax { Unit: QuantityUnit.Epochs or QuantityUnit.Steps } q => $"{Runtime}.Training.TrainingLength.{LengthUnit(q.Unit)}({_expression(q.Value, false)})",

        // A derived length ('warm = w epochs'): its property holds the count, its type the unit.
        NameSyntax name when Model.GetResolution(name) is ParameterSymbol { Type: QuantityType { Unit: QuantityUnit.Epochs or QuantityUnit.Steps } length } =>
            $"{Runtime}.Training.TrainingLength.{LengthUnit(length.Unit)}({_expression(name, false)})",
        _ => throw Unsupported(quantity),
    };

    private static string LengthUnit(QuantityUnit unit) => unit == QuantityUnit.Epochs ? "Epochs" : "Steps";

    // Epoch milestones are ints, step milestones longs, item by item when the list is written out.
    private string MilestoneList(ExpressionSyntax quantity)
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
    private (QuantityUnit Unit, System.Collections.Immutable.ImmutableArray<ExpressionSyntax> Items, ExpressionSyntax? Counts) Milestones(ExpressionSyntax quantity) => quantity switch
    {
        QuantitySyntax { Unit: QuantityUnit.Epochs or QuantityUnit.Steps, Value: ListSyntax list } q => (q.Unit, list.Items, null),
        ListSyntax { Items: [QuantitySyntax first, ..] } list when list.Items.All(i => i is QuantitySyntax q && q.Unit == first.Unit) && first.Unit is QuantityUnit.Epochs or QuantityUnit.Steps =>
            (first.Unit, [.. list.Items.Select(i => ((QuantitySyntax)i).Value)], null),
        QuantitySyntax { Unit: QuantityUnit.Epochs or QuantityUnit.Steps } q when Model.GetType(q.Value) is ListType { Element: IntType } => (q.Unit, [], q.Value),
        _ when Model.GetType(quantity) is ListType { Element: QuantityType { Unit: QuantityUnit.Epochs or QuantityUnit.Steps } element } => (element.Unit, [], quantity),
        _ => throw Unsupported(quantity),
    };

    private string Int(ExpressionSyntax expression) =>
        expression is NumberLiteralSyntax { IsInteger: true } literal
            ? ((long)literal.Value).ToString(CultureInfo.InvariantCulture)
            : $"{Runtime}.SpecMath.ToInt({_expression(expression, false)})";

    private static string Literal(Value value) => value switch
    {
        IntValue i => CSharpNames.Long(i.Value),
        FloatValue f => CSharpNames.Double(f.Value),
        BoolValue b => b.Value ? "true" : "false",
        _ => throw new NotSupportedException($"the default {value.Display}"),
    };

    private static string Pascal(string name) => CSharpNames.Pascal(name);

    private static Dictionary<string, ExpressionSyntax> Arguments(CatalogEntry entry, LayerSyntax layer) => Arguments(entry, layer.Arguments);

    private static Dictionary<string, ExpressionSyntax> Arguments(CatalogEntry entry, IEnumerable<ArgumentSyntax> arguments) =>
        SyntaxWalker.MatchArguments([.. entry.Parameters.Select(p => p.Name)], arguments);

    private ValueSettingSyntax? Setting(SectionKind section, string name) => _bound.Experiment.Setting(section, name) as ValueSettingSyntax;

    private ExpressionSyntax? Value(SectionKind section, string name) => Setting(section, name)?.Arguments.FirstOrDefault()?.Value;

    private static ExpressionSyntax? Named(ValueSettingSyntax setting, string name) => setting.Arguments.FirstOrDefault(a => a.Name?.Name == name)?.Value;

    private static NotSupportedException Unsupported(SyntaxNode node) => new($"'{ExpressionBinder.Shorten(node)}' is not generated yet");
}
