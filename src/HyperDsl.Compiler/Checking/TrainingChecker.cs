using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Checking;

/// <summary>
/// Checks the training and tuning settings against each other and the space: required
/// settings, schedule milestones and pruner rungs within the epochs, the validation share,
/// data paths and an 'input' shape the source contradicts, grid search on a finite space, a
/// sampler that fits the study (one objective for CMA-ES, something for it to model), the trial
/// budget, and try points inside the space.
/// </summary>
internal sealed class TrainingChecker
{
    private readonly EffectiveExperiment _experiment;
    private readonly SemanticModel _model;
    private readonly IReadOnlyList<ParameterSymbol> _parameters;
    private readonly List<Diagnostic> _diagnostics;
    private readonly SpaceEnumerator _space;

    public TrainingChecker(EffectiveExperiment experiment, SemanticModel model, IReadOnlyList<ParameterSymbol> parameters, List<Diagnostic> diagnostics, CheckBudget budget)
    {
        _experiment = experiment;
        _model = model;
        _parameters = parameters;
        _diagnostics = diagnostics;
        _space = new SpaceEnumerator(model, budget);
    }

    public void Check(long? spaceSize, ShapeSummary? shapes = null, bool classesCounted = false)
    {
        CheckRequiredSettings();
        var minEpochs = MinOf(SettingValue(SectionKind.Train, "epochs"));
        if (SettingValue(SectionKind.Train, "schedule") is { } schedule)
        {
            CheckSchedule(schedule, minEpochs);
        }

        if (SettingValue(SectionKind.Tune, "pruner") is CallSyntax pruner && minEpochs is { } prunerEpochs
            && _model.GetResolution(pruner) is CatalogEntry { Strategy.FirstRungParameter: { } firstRung } prunerEntry)
        {
            var rung = Argument(prunerEntry, pruner, firstRung);
            if (rung is not null && MaxOf(rung) is { } first && first >= prunerEpochs)
            {
                _diagnostics.Add(Create(PrunerBeyondEpochsDescriptor, rung.Span,
                    $"The pruner first compares trials after {Epochs(first)}, but trials train for {Epochs(prunerEpochs)}, so it never prunes anything.",
                    "Lower the pruner's first rung, or train for more epochs."));
            }
        }

        CheckValidation();
        CheckDataPaths();
        CheckStorage();
        CheckInputAgainstSource();
        CheckDataDoesNotUseParameters();
        CheckStudySettingsAreFixed();
        CheckPipelinesAreTransforms();
        new TaskChecker(_experiment, _model, _diagnostics).Check();
        CheckSomeWeightAboveZero();
        CheckClassesKnownWhereOutputsVary(shapes, classesCounted);
        CheckMetricsAreReported();
        CheckStrategy(spaceSize);
        CheckTryPoints();
    }

    private void CheckRequiredSettings()
    {
        if (_experiment.Model is null)
        {
            _diagnostics.Add(Create(EmptyModelDescriptor, _experiment.Syntax.Name.Span, $"'{_experiment.Name}' has no model section, so there is nothing to train.",
                "Add 'model { ... }' with the layers, or 'extends' an experiment that has one."));
        }
        else if (_experiment.Model.Body.IsEmpty)
        {
            _diagnostics.Add(Create(EmptyModelDescriptor, _experiment.Model.Span, $"The model of '{_experiment.Name}' has no layers.", null));
        }

        foreach (var spec in BuiltinCatalog.Settings.Values.Where(s => s.Required).OrderBy(s => s.Section).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            if (_experiment.Setting(spec.Section, spec.Name) is null)
            {
                var section = spec.Section.ToString().ToLowerInvariant();
                _diagnostics.Add(Create(MissingSettingDescriptor, _experiment.Syntax.Name.Span,
                    $"'{_experiment.Name}' has no '{spec.Name}' setting in its {section} section: {char.ToLowerInvariant(spec.Summary[0])}{spec.Summary[1..]}",
                    $"Add it to the {section} section, for example '{spec.Example ?? spec.Name + " ..."}'."));
            }
        }
    }

    private void CheckSchedule(ExpressionSyntax schedule, double? epochs)
    {
        foreach (var call in SyntaxWalker.Expressions(schedule).OfType<CallSyntax>())
        {
            // The catalogue says which argument, the schedule's first, tells when in training something happens.
            var timing = BuiltinCatalog.Find(call.Callee.Name)?.Timing;
            var value = timing is null ? null : call.Arguments.FirstOrDefault(a => a.Name?.Name == timing.Parameter)?.Value ?? call.Arguments.FirstOrDefault(a => a.Name is null)?.Value;
            if (value is null)
            {
                continue;
            }

            // Point at the milestone itself when the milestones are written as a list.
            var items = value is QuantitySyntax { Value: ListSyntax list } quantity
                ? list.Items.Select(i => (ExpressionSyntax)new QuantitySyntax(i, quantity.Unit, i.Span)).ToList()
                : [value];
            if (items.Any(item => ReportFractional(item, timing!)) || epochs is not { } trained)
            {
                continue;
            }

            foreach (var item in items)
            {
                if (ReportLate(item, timing!, trained))
                {
                    break;
                }
            }
        }
    }

    // The runtime counts a schedule's lengths and milestones in whole epochs or steps (TrainingLength,
    // milestone lists of ints), so an amount that is a float ('1.5 epochs', '2.0 epochs', a float
    // parameter) has no meaning there: the generated C# would not compile.
    private bool ReportFractional(ExpressionSyntax value, ScheduleTiming timing)
    {
        var amounts = value switch
        {
            QuantitySyntax { Value: ListSyntax list } quantity => list.Items.Select(i => (Amount: i, quantity.Unit)).ToList(),
            QuantitySyntax quantity => [(quantity.Value, quantity.Unit)],
            ListSyntax list => [.. list.Items.OfType<QuantitySyntax>().Select(q => (Amount: q.Value, q.Unit))],
            _ => [],
        };
        if (amounts.FirstOrDefault(a => a.Unit is QuantityUnit.Epochs or QuantityUnit.Steps && _model.GetType(a.Amount) is FloatType) is not ({ } amount, var unit))
        {
            return false;
        }

        var counted = unit == QuantityUnit.Epochs ? "epochs" : "steps";
        _diagnostics.Add(Create(FractionalScheduleCountDescriptor, value.Span,
            $"The {timing.What} '{ExpressionBinder.Shorten(value)}' is not a whole number of {counted}: '{ExpressionBinder.Shorten(amount)}' is a float, and schedules count whole epochs and steps.",
            unit == QuantityUnit.Epochs
                ? "Write an int ('2 epochs', not '2.0 epochs'), or count in steps for a finer length (for example '500 steps')."
                : "Write an int ('500 steps', not '500.0 steps')."));
        return true;
    }

    private bool ReportLate(ExpressionSyntax value, ScheduleTiming timing, double epochs)
    {
        foreach (var point in _space.Enumerate(_space.Dependencies([value])).Points)
        {
            var amount = _space.SafeEvaluate(value, new Evaluation.Environment(point)) as QuantityValue;
            if (amount is { Unit: QuantityUnit.Epochs } late && late.Amount >= epochs)
            {
                var when = SpaceEnumerator.Describe(point);
                _diagnostics.Add(Create(MilestoneBeyondEpochsDescriptor, value.Span, timing.IsPhase
                    ? $"The {Value.FormatNumber(late.Amount)}-epoch {timing.What} is not shorter than training ({Epochs(epochs)}){(when.Length > 0 ? $" when {when}" : "")}, so the schedule after it never starts."
                    : $"The {timing.What} at {late.Display} is not before the end of training ({Epochs(epochs)}){(when.Length > 0 ? $" when {when}" : "")}, so it never takes effect.",
                    "Move it before the last epoch, or train for more epochs."));
                return true;
            }
        }

        return false;
    }

    // A test split comes from a 'test' source, or with the training images from a source that loads
    // both (Fashion-MNIST, CIFAR), which the trainer then evaluates after training.
    private bool HasTestSplit()
    {
        if (_experiment.Setting(SectionKind.Data, "test") is not null)
        {
            return true;
        }

        var sources = (_experiment.Setting(SectionKind.Data, "source") as ValueSettingSyntax)?.Arguments.Select(a => a.Value)
            .SelectMany(SyntaxWalker.Expressions).OfType<CallSyntax>()
            .Select(c => _model.GetResolution(c)).OfType<CatalogEntry>().Where(e => e.Source is not null).ToList() ?? [];
        return sources.Count > 0 && sources.All(e => e.Source is { LoadsSplits: true });
    }

    // Some metrics exist only when asked for: the trainer computes AUC and top-5 accuracy only
    // with 'metrics', test accuracy only with a test split, and the val_ metrics only with a validation split.
    private void CheckMetricsAreReported()
    {
        var extra = (_experiment.Setting(SectionKind.Train, "metrics") as ValueSettingSyntax)?.Arguments
            .Select(a => a.Value).OfType<NameSyntax>().Select(n => n.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        var named = _experiment.SettingsOf(SectionKind.Tune).OfType<ObjectiveSettingSyntax>().SelectMany(o => o.Objectives.Select(g => g.Metric))
            .Concat((_experiment.Setting(SectionKind.Train, "early_stop") as ValueSettingSyntax)?.Arguments.Take(1).Select(a => a.Value) ?? [])
            .OfType<NameSyntax>();
        foreach (var metric in named)
        {
            var meaning = BuiltinCatalog.FindMetric(metric.Name);
            var needs = meaning?.NeedsExtra is { } flag && !extra.Contains(flag) ? $"'metrics' includes '{flag}' (add 'metrics {flag}' to the train section)"
                : meaning is { NeedsTestSplit: true } && !HasTestSplit() ? "the data has a test split (a 'test' source, or a source with its own such as fashion_mnist())"
                : null;
            if (needs is not null)
            {
                _diagnostics.Add(Create(UnknownMetricDescriptor, metric.Span, $"'{metric.Name}' is only reported when {needs}.", null));
            }

            // No source loads a validation split of its own: only the 'validation' setting gives one.
            // Without a source the spec is refused already (HYP1013), so that is the one error to fix.
            if (meaning is { NeedsValidation: true } && _experiment.Setting(SectionKind.Data, "validation") is null && _experiment.Setting(SectionKind.Data, "source") is not null)
            {
                _diagnostics.Add(Create(ValidationMetricWithoutSplitDescriptor, metric.Span,
                    $"'{metric.Name}' is measured on the validation split, but the data section has none, so every trial would fail without it.",
                    "Add 'validation 10%' to the data section (a share of the training data), or a validation source of its own."));
            }
        }

        // Early stopping compares epochs, so it can watch only a metric measured each epoch.
        if ((_experiment.Setting(SectionKind.Train, "early_stop") as ValueSettingSyntax)?.Arguments.FirstOrDefault()?.Value is NameSyntax watched
            && BuiltinCatalog.FindMetric(watched.Name) is { EpochMetric: null } once)
        {
            _diagnostics.Add(Create(EarlyStopOnceMeasuredDescriptor, watched.Span,
                $"Early stopping watches '{once.Name}', which is measured once, after training, so there is no epoch to compare it at.",
                "Watch a metric measured each epoch, such as val_loss or val_accuracy; an objective can still be test_accuracy."));
        }
    }

    private void CheckValidation()
    {
        if (SettingValue(SectionKind.Data, "validation") is { } split && ConstantFolder.TryFold(split, _model) is { } value)
        {
            var share = value switch
            {
                QuantityValue { Unit: QuantityUnit.Percent } percent => percent.Amount / 100,
                _ => value.AsNumber,
            };
            if (share is { } s && s is <= 0 or >= 1)
            {
                // 'validation 10' meant ten percent: a bare number from 1 up to 100 is a percentage without its '%'.
                var help = value is not QuantityValue && s is >= 1 and < 100
                    ? $"A bare number is a fraction of the training data: for {value.Display} percent, write '{value.Display}%'."
                    : "A tenth to a fifth (10% to 20%) is usual.";
                _diagnostics.Add(Create(ValidationSplitDescriptor, split.Span,
                    $"The validation share must be between 0 and 100% (exclusive), but it is {value.Display}.", help));
            }
            else if (share is { } fraction)
            {
                CheckSplitLeavesBothParts(split, value, fraction);
            }
        }
    }

    // A data source's paths (dir, images, labels) are the only strings it takes. One that is empty
    // or holds a control character or line break names no file anyone meant; at run time it
    // would be taken as the spec's folder, or fail with an unreadable name.
    // The runtime holds out round(share x n) images of each class of n (StratifiedSplit): with a
    // source whose count and balanced classes are known here, a share that leaves the training or
    // the validation split empty would fail every trial while loading the data.
    private void CheckSplitLeavesBothParts(ExpressionSyntax split, Value value, double fraction)
    {
        if (SettingValue(SectionKind.Data, "source") is not CallSyntax call
            || _model.GetResolution(call) is not CatalogEntry { Source: { CountParameter: { } countName, ClassesParameter: { } classesName } } entry
            || (Argument(entry, call, countName) is { } countArgument ? ConstantFolder.TryFold(countArgument, _model)?.AsNumber : null) is not { } count
            || (Argument(entry, call, classesName) is { } classesArgument ? ConstantFolder.TryFold(classesArgument, _model)?.AsNumber : null) is not { } classes
            || count < 1 || classes < 1 || count > 100_000_000 || classes > 100_000)
        {
            return;
        }

        var (n, c) = ((long)count, (long)classes);
        var heldOut = 0L;
        for (var k = 0L; k < c; k++)
        {
            var members = n / c + (k < n % c ? 1 : 0);
            heldOut += (long)Math.Round(fraction * members, MidpointRounding.AwayFromZero);
        }

        if (heldOut == 0 || heldOut == n)
        {
            var (what, empty) = heldOut == 0 ? ("no image", "validation") : ("every image", "training");
            var most = (n + c - 1) / c;
            _diagnostics.Add(Create(ValidationSplitLeavesSplitEmptyDescriptor, split.Span,
                $"The validation share {value.Display} holds out {what}: the split takes {Value.FormatNumber(fraction * 100)}% of each class's images, rounded, and {n} images in {c} classes give each class at most {most}, so the {empty} split would be empty and every trial would fail loading the data.",
                heldOut == 0 ? "Raise the share, or give the source more images per class." : "Lower the share, or give the source more images per class."));
        }
    }

    private void CheckDataPaths()
    {
        foreach (var setting in new[] { "source", "validation", "test" })
        {
            if (SettingValue(SectionKind.Data, setting) is not CallSyntax call || _model.GetResolution(call) is not CatalogEntry { Kind: EntryKind.DataSource } entry)
            {
                continue;
            }

            foreach (var argument in call.Arguments)
            {
                if (ConstantFolder.TryFold(argument.Value, _model) is not StringValue { Value: var path })
                {
                    continue;
                }

                if (path.Length == 0)
                {
                    _diagnostics.Add(Create(DataPathDescriptor, argument.Value.Span, $"The data path given to '{entry.Name}' is empty, so it names no file or folder.",
                        entry.Source is { SearchesStandardPlaces: true }
                            ? $"Name the folder (relative paths start at the spec's folder), or write '{entry.Name}()' to search the standard places."
                            : "Name the file or folder; relative paths start at the spec's folder."));
                }
                else if (path.Where(IsUnprintable).Select(ch => (char?)ch).FirstOrDefault() is { } bad)
                {
                    _diagnostics.Add(Create(DataPathDescriptor, argument.Value.Span,
                        $"The data path given to '{entry.Name}' contains the character U+{(int)bad:X4} (a control character or line break), which no file name should hold.",
                        "Write the path without control characters or line breaks."));
                }
            }
        }
    }

    // A spec may name only a SQLite file inside its own folder (the run enforces the same rule):
    // a spec from someone else must not send its study, or the runner's credentials, to a server
    // of its choosing, nor create files elsewhere. Said here so that what checks clean runs.
    private void CheckStorage()
    {
        if (SettingValue(SectionKind.Tune, "storage") is not { } setting || ConstantFolder.TryFold(setting, _model) is not StringValue { Value: var text })
        {
            return;
        }

        var path = text.StartsWith("sqlite:///", StringComparison.OrdinalIgnoreCase) ? text["sqlite:///".Length..] : text;
        var problem = text.Trim().Length == 0 ? "is empty"
            : text.Any(IsUnprintable) ? "holds a control character or line break"
            : text.StartsWith("env:", StringComparison.OrdinalIgnoreCase) ? "reads an environment variable"
            : path.Contains("://", StringComparison.Ordinal) || (path.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon && !path[..colon].Contains('/', StringComparison.Ordinal)) ? "names a database server or another kind of location"
            : path.StartsWith('/') || path.StartsWith('\\') || path.StartsWith('~') ? "is an absolute path"
            : path.Split('/', '\\').Contains("..") ? "leaves the spec's folder through '..'"
            : null;
        if (problem is not null)
        {
            _diagnostics.Add(Create(StorageOutsideSpecFolderDescriptor, setting.Span,
                $"The spec's storage {problem}: a spec may name only a SQLite file inside its own folder, so that a spec from someone else cannot send its study elsewhere or create files outside its folder.",
                "Write a relative path such as \"studies/my-study.db\", or give another place when running: hyp run --storage LOCATION (or $HYP_STORAGE)."));
        }
    }

    private static bool IsUnprintable(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    // 'input' gives the shape where the source does not fix it; where the source does, a different
    // 'input' would have the model checked for images the data never has, and every trial fail.
    private void CheckInputAgainstSource()
    {
        if (SettingValue(SectionKind.Data, "input") is not { } input
            || ConstantFolder.TryFold(input, _model) is not ListValue { Items: [IntValue c, IntValue h, IntValue w] }
            || SettingValue(SectionKind.Data, "source") is not CallSyntax call
            || _model.GetResolution(call) is not CatalogEntry { Source: { } meaning } entry)
        {
            return;
        }

        // The source fixes the shape (Fashion-MNIST), or an argument of it gives all three dimensions (synthetic's shape).
        long[]? fixedShape = meaning.FixedShape.IsEmpty ? null : [.. meaning.FixedShape];
        if (fixedShape is null && meaning.ShapeParameter is { } shapeParameter && Argument(entry, call, shapeParameter) is { } shape
            && ConstantFolder.TryFold(shape, _model) is ListValue { Items: [IntValue sc, IntValue sh, IntValue sw] })
        {
            fixedShape = [sc.Value, sh.Value, sw.Value];
        }

        if (fixedShape is not null && !fixedShape.SequenceEqual([c.Value, h.Value, w.Value]))
        {
            _diagnostics.Add(Create(InputContradictsSourceDescriptor, input.Span,
                $"'input' says the images are {c.Value}x{h.Value}x{w.Value}, but '{entry.Name}' gives {string.Join("x", fixedShape)} images, so every trial would fail.",
                "Remove 'input': this source fixes the shape."));
        }
    }

    // The data is loaded once per study, before any point exists, and the model's input shape is
    // one for the whole study (InputShape, the data check before the first trial, FLOPs): a
    // source, split or image size that varies with the point is not generated yet. Said here, at
    // the parameter, so 'hyp check' and 'hyp compile' agree (the generator would refuse it).
    private static readonly string[] SourceSettings = ["source", "validation", "test"];

    private static readonly string[] Pipelines = ["augment", "evaluate"];

    // The augment and evaluate sections are generated, and their image sizes checked, transform by
    // transform; an 'if', 'for' or 'match' among them is neither, so it is refused here, at its line.
    private void CheckPipelinesAreTransforms()
    {
        foreach (var pipeline in Pipelines)
        {
            if (_experiment.Setting(SectionKind.Data, pipeline) is not BlockSettingSyntax block)
            {
                continue;
            }

            foreach (var statement in block.Body.Where(s => s is not LayerSyntax))
            {
                _diagnostics.Add(Create(PipelineStatementDescriptor, statement.Span,
                    $"The {pipeline} section takes transforms, one after another; '{ExpressionBinder.Shorten(statement)}' is not generated there yet (nor are the image sizes it gives checked).",
                    "List the transforms themselves; a transform applied only sometimes takes a probability (hflip(p: 0.5), rotate(degrees: 10, p: 0.5)), and a searched value can be its argument."));
            }
        }
    }

    // The shape check proves one output per class when the spec says how many classes there are.
    // An image_folder (or idx) without 'classes:' has as many as the data holds, known only when
    // 'hyp run' loads it (unless the host counted the folders at check time): the run then compares the model's outputs with them before any trial,
    // at one point. That proves every point only when the output is the same at all of them.
    // When the host counted an image folder's class folders at check time, they are known.
    private void CheckClassesKnownWhereOutputsVary(ShapeSummary? shapes, bool classesCounted)
    {
        if (classesCounted
            || shapes is not { Outputs.Count: > 1 }
            || _experiment.Setting(SectionKind.Data, "classes") is not null
            || SettingValue(SectionKind.Data, "source") is not CallSyntax call
            || _model.GetResolution(call) is not CatalogEntry { Source.CountsClassesWhenLoaded: true } entry
            || Argument(entry, call, entry.Source.ClassesParameter!) is not null)
        {
            return;
        }

        _diagnostics.Add(Create(ClassesUnknownDescriptor, call.Span,
            $"'{entry.Name}' without 'classes:' has as many classes as the data holds, known only when it is loaded, and the model's output differs between points ({string.Join(", ", shapes.Outputs)}), so it cannot be checked against them for every point.",
            $"Say how many classes there are: '{entry.Name}(..., classes: N)'."));
    }

    // The tune section is read before the first trial (and the training seed is the study's), so a
    // sampled parameter has no value there: 'trials n' or 'tpe(startup: n)' has no meaning to generate.
    private void CheckStudySettingsAreFixed()
    {
        foreach (var spec in BuiltinCatalog.Settings.Values.Where(s => s.FixedForStudy).OrderBy(s => s.Section).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            if (_experiment.Setting(spec.Section, spec.Name) is not ValueSettingSyntax setting)
            {
                continue;
            }

            foreach (var argument in setting.Arguments)
            {
                if (_space.Dependencies([argument.Value]) is [var parameter, ..])
                {
                    var use = SyntaxWalker.Names(argument.Value).FirstOrDefault(n => _model.GetResolution(n) is ParameterSymbol) ?? (SyntaxNode)argument.Value;
                    _diagnostics.Add(Create(StudySettingUsesParameterDescriptor, use.Span,
                        $"'{spec.Name}' is set once for the whole study, before any trial draws its parameters, so it cannot use the parameter '{parameter.Name}', which differs from trial to trial.",
                        $"Write a value every trial shares (a number, or a fixed value from params such as 'n = 20'); to compare values of '{spec.Name}', run one study per value."));
                    break;
                }
            }
        }
    }

    private void CheckDataDoesNotUseParameters()
    {
        IEnumerable<(string What, ExpressionSyntax Value)> Uses()
        {
            foreach (var setting in new[] { "source", "validation", "test", "input", "resize" })
            {
                if (_experiment.Setting(SectionKind.Data, setting) is ValueSettingSyntax value)
                {
                    foreach (var argument in value.Arguments)
                    {
                        yield return ($"'{setting}'", argument.Value);
                    }
                }
            }
        }

        // A searched 'resize' is generated per point (each trial gets the loaded data resized to its size),
        // except for an image folder, which is decoded once at one size. A searched crop or resize in the
        // augment and evaluate sections is fine too: both pipelines are built at each point, and the
        // model's input is the augment section's size there.
        var folder = SourceSettings.Any(setting => SettingValue(SectionKind.Data, setting) is CallSyntax call
            && _model.GetResolution(call) is CatalogEntry { Source.DecodesAtResize: true });
        // A fixed value from params ('root = "data/train"', 'size = 64') is the same for every trial: it is written out.
        var space = new SpaceEnumerator(_model);
        foreach (var (what, value) in Uses().Where(use => folder || use.What != "'resize'"))
        {
            var name = SyntaxWalker.Names(value).FirstOrDefault(n => _model.GetResolution(n) is ParameterSymbol);
            if (name is not null && space.Dependencies([value]).Count > 0)
            {
                _diagnostics.Add(Create(DataUsesParameterDescriptor, name.Span,
                    what == "'resize'"
                        ? $"'resize' uses the parameter '{name.Name}', but an image folder is decoded once, at one size; the code generator does not translate a searched size for it yet."
                        : $"{char.ToUpperInvariant(what[0])}{what[1..]} uses the parameter '{name.Name}', so the images' source or shape would change from trial to trial; the code generator does not translate that yet (only the image size may be searched: 'resize', for sources other than an image folder, and the crops and resizes of the augment and evaluate sections).",
                    "Write the value itself (for instance 'resize 224'), and search the size with one study per size for now."));
            }
        }
    }

    private static ExpressionSyntax? Argument(CatalogEntry entry, CallSyntax call, string name) => Argument(entry, call.Arguments, name);

    private static ExpressionSyntax? Argument(CatalogEntry entry, System.Collections.Immutable.ImmutableArray<ArgumentSyntax> arguments, string name)
    {
        var index = entry.Parameters.Select(p => p.Name).ToList().IndexOf(name);
        return arguments.FirstOrDefault(a => a.Name?.Name == name)?.Value
            ?? (index >= 0 && index < arguments.Length && arguments[index].Name is null ? arguments[index].Value : null);
    }

    private void CheckStrategy(long? spaceSize)
    {
        var sampler = SettingValue(SectionKind.Tune, "sampler");
        var grid = sampler is not null && _model.GetResolution(sampler) is CatalogEntry { Strategy.EnumeratesSpace: true };
        if (grid)
        {
            foreach (var parameter in _parameters.Where(p => p.Domain is { IsFinite: false }))
            {
                _diagnostics.Add(Create(GridNeedsFiniteSpaceDescriptor, ((SampledParameterSyntax)parameter.Syntax).Distribution.Span,
                    $"A grid search needs a finite space, but '{parameter.Name}' is continuous.",
                    "Give it a step ('uniform(a, b, step: s)'), make it a 'choice', or use another sampler."));
            }
        }

        if (sampler is not null && _model.GetResolution(sampler) is CatalogEntry { Strategy: var strategy } entry)
        {
            CheckSamplerFits(sampler, entry.Name, strategy);
        }

        var trials = SettingValue(SectionKind.Tune, "trials");
        if (trials is null && SettingValue(SectionKind.Tune, "timeout") is null && !grid)
        {
            var at = _experiment.Syntax.Sections.OfType<SettingsSectionSyntax>().FirstOrDefault(s => s.Kind == SectionKind.Tune)?.Span ?? _experiment.Syntax.Name.Span;
            _diagnostics.Add(Create(NoBudgetDescriptor, at with { Range = new(at.Range.Start, Math.Min(4, at.Range.Length)) },
                $"'{_experiment.Name}' sets neither 'trials' nor 'timeout', so its study runs until it is stopped.", "Add 'trials 50' or 'timeout 2h' to the tune section."));
        }

        if (grid && trials is not null && ConstantFolder.TryFold(trials, _model) is IntValue count && spaceSize is { } size && count.Value > size)
        {
            _diagnostics.Add(Create(TrialsBeyondGridDescriptor, trials.Span,
                $"The grid has {size} points, so only {size} of the {count.Value} trials can run.", $"Set 'trials {size}', or leave 'trials' out for a grid."));
        }

        if (sampler is not null && trials is not null && ConstantFolder.TryFold(trials, _model) is IntValue budget)
        {
            CheckGenerations(sampler, trials, budget.Value);
            CheckStartup(sampler, trials, budget.Value);
            CheckSamplerCost(sampler, trials, budget.Value);
        }
    }

    // A generational sampler (nsga2) learns nothing in its random first generation, and selects
    // parents only from whole earlier generations, so a budget under two generations wastes it.
    private void CheckGenerations(ExpressionSyntax sampler, ExpressionSyntax trials, long budget)
    {
        if (_model.GetResolution(sampler) is not CatalogEntry { Strategy.GenerationParameter: { } parameter } entry)
        {
            return;
        }

        var argument = sampler is CallSyntax call ? Argument(entry, call, parameter) : null;
        var population = (argument is null ? entry.Parameters.First(p => p.Name == parameter).Default : ConstantFolder.TryFold(argument, _model)) as IntValue;
        if (population is null || budget >= 2 * population.Value)
        {
            return;
        }

        var size = population.Value;
        _diagnostics.Add(Create(TrialsWithinFirstGenerationDescriptor, trials.Span,
            budget <= size
                ? $"'{entry.Name}' with population {size} and {budget} trials never leaves its random first generation, so it searches no better than 'random'."
                : $"'{entry.Name}' with population {size} and {budget} trials runs only {budget - size} trials beyond its random first generation of {size}, less than one evolved generation.",
            $"Run at least {2 * size} trials (several generations are better), or give a smaller 'population' (for instance '{entry.Name}(population: {Math.Max(2, budget / 4)})')."));
    }

    // A model-based sampler (gp, tpe) draws its first 'startup' complete trials at random, so a
    // budget no larger than that never uses the model.
    private void CheckStartup(ExpressionSyntax sampler, ExpressionSyntax trials, long budget)
    {
        if (_model.GetResolution(sampler) is not CatalogEntry { Strategy.StartupParameter: { } parameter } entry)
        {
            return;
        }

        var argument = sampler is CallSyntax call ? Argument(entry, call, parameter) : null;
        if ((argument is null ? entry.Parameters.First(p => p.Name == parameter).Default : ConstantFolder.TryFold(argument, _model)) is not IntValue startup || budget > startup.Value)
        {
            return;
        }

        _diagnostics.Add(Create(TrialsWithinStartupDescriptor, trials.Span,
            $"'{entry.Name}' draws its first {startup.Value} complete trials at random, and the study runs {budget}, so its model never proposes a trial and it searches no better than 'random'.",
            $"Run more than {startup.Value} trials, or give a smaller 'startup' (for instance '{entry.Name}(startup: {Math.Max(1, budget / 3)})')."));
    }

    // A Gaussian process refits over every earlier trial for each new one, a cost cubic in their
    // number: fine for hundreds of trials, seconds per trial beyond a thousand.
    private void CheckSamplerCost(ExpressionSyntax sampler, ExpressionSyntax trials, long budget)
    {
        if (_model.GetResolution(sampler) is CatalogEntry { Strategy.TrialsItHandlesWell: { } limit } entry && budget > limit)
        {
            _diagnostics.Add(Create(TrialsTooManyForSamplerDescriptor, trials.Span,
                $"'{entry.Name}' refits its model over every earlier trial for each new one, a cost that grows with the cube of the trials: beyond {limit} trials each new one takes it seconds, and this study runs {budget}.",
                $"Use 'sampler tpe' for a study this long (or 'cmaes' for numeric parameters), or run at most {limit} trials."));
        }
    }

    // CMA-ES and its kind: one objective only; and a space with no numeric parameter to model
    // leaves it drawing everything at random.
    private void CheckSamplerFits(ExpressionSyntax sampler, string name, StrategyMeaning strategy)
    {
        var objectives = _experiment.SettingsOf(SectionKind.Tune).OfType<ObjectiveSettingSyntax>().LastOrDefault()?.Objectives ?? [];
        if (strategy.OneObjective && objectives.Length > 1)
        {
            _diagnostics.Add(Create(SamplerNeedsOneObjectiveDescriptor, sampler.Span,
                $"'{name}' optimizes one objective, but the study has {objectives.Length} ({string.Join(", ", objectives.Select(o => ExpressionBinder.Shorten(o.Metric)))}).",
                "Keep one objective (a 'require' constraint can bound the others), or use 'sampler tpe', which models several."));
        }

        var sampled = _parameters.Where(p => !p.IsFixed && p.Domain is not null).ToList();
        if (strategy.ModelsNumbersOnly && sampled.Count > 0 && !sampled.Any(p => !p.IsConditional && p.Domain is FloatDomain or IntDomain))
        {
            _diagnostics.Add(Create(SamplerHasNothingToModelDescriptor, sampler.Span,
                $"'{name}' models only numeric parameters without a 'when' condition, and this space has none, so it would draw every value at random.",
                "Use 'sampler tpe', which models categorical and conditional parameters too."));
        }
    }

    private void CheckTryPoints()
    {
        foreach (var attempt in _experiment.SettingsOf(SectionKind.Tune).OfType<TrySettingSyntax>())
        {
            var point = new Dictionary<ParameterSymbol, Value>();
            foreach (var assignment in attempt.Assignments)
            {
                if (_model.GetResolution(assignment) is ParameterSymbol parameter && ConstantFolder.TryFold(assignment.Value, _model) is { } value)
                {
                    point[parameter] = value;
                    if (!Contains(parameter, value, out var expected))
                    {
                        _diagnostics.Add(Create(TryOutsideSpaceDescriptor, assignment.Value.Span,
                            $"The try point sets '{parameter.Name}' to {DiagnosticText.Excerpt(value.Display)}, which is outside its {expected}{(ReferenceEquals(attempt.Span.File, _experiment.Syntax.Span.File) && _experiment.Syntax.Span.Range.Contains(attempt.Span.Range) ? "" : $" in '{_experiment.Name}'")}.", "Try only points the study itself could sample."));
                    }
                }
            }

            var environment = new Evaluation.Environment(point);
            foreach (var constraint in _experiment.Constraints)
            {
                var needed = _space.Dependencies([constraint.Condition]);
                if (needed.All(point.ContainsKey) && !SyntaxWalker.Expressions(constraint.Condition).Any(e => e is MemberAccessSyntax)
                    && Evaluator.IsTrue(_space.SafeEvaluate(constraint.Condition, environment)) == false)
                {
                    _diagnostics.Add(Create(TryOutsideSpaceDescriptor, attempt.Name.Span,
                        $"This try point breaks the constraint 'require {ExpressionBinder.Shorten(constraint.Condition)}' (line {constraint.Span.Start.Line}), so the study could never sample it.",
                        "Change the point so it meets every constraint."));
                }
            }

            foreach (var (parameter, _) in point.Where(p => p.Key.Condition is not null).ToList())
            {
                if (Evaluator.IsTrue(_space.SafeEvaluate(parameter.Condition!, new Evaluation.Environment(point))) == false)
                {
                    var assignment = attempt.Assignments.First(a => ReferenceEquals(_model.GetResolution(a), parameter));
                    _diagnostics.Add(Create(TryOutsideSpaceDescriptor, assignment.Name.Span,
                        $"The try point sets '{parameter.Name}', which is inactive there ({ExpressionBinder.Shorten(parameter.Condition!)} does not hold).", $"Drop '{parameter.Name}' from this point."));
                }
            }
        }
    }

    private static bool Contains(ParameterSymbol parameter, Value value, out string expected)
    {
        expected = parameter.Domain?.Describe() ?? "range";
        return parameter.Domain switch
        {
            FloatDomain range => value.AsNumber is { } x && x >= range.Low - 1e-12 && x <= range.High + 1e-12,
            IntDomain range => value is IntValue i && i.Value >= range.Low && i.Value <= range.High && (i.Value - range.Low) % range.Step == 0,
            CategoricalDomain choices => choices.Choices.Any(c => Evaluator.ValuesEqual(c, value)),
            _ => true,
        };
    }

    private static string Epochs(double count) => Value.FormatNumber(count) + (count == 1 ? " epoch" : " epochs");

    // A weighted sum (of losses) whose weights could all be 0 at some point weighs nothing there; the
    // runtime refuses it, so the checker asks for one weight above 0 over the whole space.
    private void CheckSomeWeightAboveZero()
    {
        if (SettingValue(SectionKind.Train, "loss") is not CallSyntax call
            || _model.GetResolution(call) is not CatalogEntry { SomeWeightAboveZero: { IsEmpty: false } weights } entry
            || weights.Any(w => Argument(entry, call, w) is { } given && MinOf(given) > 0))
        {
            return;
        }

        _diagnostics.Add(Create(NoPositiveWeightDescriptor, call.Span,
            $"'{entry.Name}' weighs {string.Join(", ", weights)}, but none of them is given above 0 at every point of the space, so at some point the loss would weigh nothing.",
            $"Give one weight a fixed value above 0, such as '{entry.Name}({weights[0]}: 1.0, {weights[1]}: w)'."));
    }

    private ExpressionSyntax? SettingValue(SectionKind section, string setting) =>
        (_experiment.Setting(section, setting) as ValueSettingSyntax)?.Arguments.FirstOrDefault()?.Value;

    private double? MaxOf(ExpressionSyntax? expression) => Extreme(expression, max: true);

    private double? MinOf(ExpressionSyntax? expression) => Extreme(expression, max: false);

    private double? Extreme(ExpressionSyntax? expression, bool max) => expression is null ? null : _space.Extreme(expression, max);
}
