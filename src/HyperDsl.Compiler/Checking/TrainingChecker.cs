using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Diagnostics;
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
                _diagnostics.Add(PrunerBeyondEpochs(rung.Span, first, prunerEpochs));
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
            _diagnostics.Add(NoModelSection(_experiment.Syntax.Name.Span, _experiment.Name));
        }
        else if (_experiment.Model.Body.IsEmpty)
        {
            _diagnostics.Add(ModelWithoutLayers(_experiment.Model.Span, _experiment.Name));
        }

        foreach (var spec in BuiltinCatalog.Settings.Values.Where(s => s.Required).OrderBy(s => s.Section).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            if (_experiment.Setting(spec.Section, spec.Name) is null)
            {
                _diagnostics.Add(MissingSetting(_experiment.Syntax.Name.Span, _experiment.Name, spec));
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

        _diagnostics.Add(FractionalScheduleCount(value.Span, timing.What, value, amount, epochs: unit == QuantityUnit.Epochs));
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
                _diagnostics.Add(MilestoneBeyondEpochs(value.Span, timing.What, timing.IsPhase, late, epochs, when));
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
            var needs = meaning?.NeedsExtra is { } flag && !extra.Contains(flag) ? NeedsExtraMetric(flag)
                : meaning is { NeedsTestSplit: true } && !HasTestSplit() ? NeedsTestSplit
                : null;
            if (needs is not null)
            {
                _diagnostics.Add(MetricNotReported(metric.Span, metric.Name, needs));
            }

            // No source loads a validation split of its own: only the 'validation' setting gives one.
            // Without a source the spec is refused already (HYP1013), so that is the one error to fix.
            if (meaning is { NeedsValidation: true } && _experiment.Setting(SectionKind.Data, "validation") is null && _experiment.Setting(SectionKind.Data, "source") is not null)
            {
                _diagnostics.Add(ValidationMetricWithoutSplit(metric.Span, metric.Name));
            }
        }

        // Early stopping compares epochs, so it can watch only a metric measured each epoch.
        if ((_experiment.Setting(SectionKind.Train, "early_stop") as ValueSettingSyntax)?.Arguments.FirstOrDefault()?.Value is NameSyntax watched
            && BuiltinCatalog.FindMetric(watched.Name) is { EpochMetric: null } once)
        {
            _diagnostics.Add(EarlyStopOnceMeasured(watched.Span, once.Name));
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
                _diagnostics.Add(ValidationShareOutOfRange(split.Span, value, s));
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
            _diagnostics.Add(ValidationSplitLeavesSplitEmpty(split.Span, value, fraction, n, c, heldOutNone: heldOut == 0));
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
                    _diagnostics.Add(EmptyDataPath(argument.Value.Span, entry));
                }
                else if (path.Where(IsUnprintable).Select(ch => (char?)ch).FirstOrDefault() is { } bad)
                {
                    _diagnostics.Add(UnprintableDataPath(argument.Value.Span, entry.Name, bad));
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
        StorageProblem? problem = text.Trim().Length == 0 ? StorageProblem.Empty
            : text.Any(IsUnprintable) ? StorageProblem.Unprintable
            : text.StartsWith("env:", StringComparison.OrdinalIgnoreCase) ? StorageProblem.EnvironmentVariable
            : path.Contains("://", StringComparison.Ordinal) || (path.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon && !path[..colon].Contains('/', StringComparison.Ordinal)) ? StorageProblem.Server
            : path.StartsWith('/') || path.StartsWith('\\') || path.StartsWith('~') ? StorageProblem.AbsolutePath
            : path.Split('/', '\\').Contains("..") ? StorageProblem.LeavesSpecFolder
            : null;
        if (problem is { } found)
        {
            _diagnostics.Add(StorageOutsideSpecFolder(setting.Span, found));
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
            _diagnostics.Add(InputContradictsSource(input.Span, c.Value, h.Value, w.Value, entry.Name, fixedShape));
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
                _diagnostics.Add(PipelineStatement(statement.Span, pipeline, statement));
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

        _diagnostics.Add(ClassesUnknown(call.Span, entry.Name, shapes.Outputs));
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
                    _diagnostics.Add(StudySettingUsesParameter(use.Span, spec.Name, parameter.Name));
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
                _diagnostics.Add(DataUsesParameter(name.Span, what, name.Name));
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
                _diagnostics.Add(GridNeedsFiniteSpace(((SampledParameterSyntax)parameter.Syntax).Distribution.Span, parameter.Name));
            }
        }

        if (sampler is not null && _model.GetResolution(sampler) is CatalogEntry { Strategy: var strategy } entry)
        {
            CheckSamplerFits(sampler, entry.Name, strategy);
        }

        // A population-based study's budget is its population.
        var population = sampler is not null && _model.GetResolution(sampler) is CatalogEntry { Strategy.ChangesParametersMidTrial: true };
        var trials = SettingValue(SectionKind.Tune, "trials");
        if (trials is null && SettingValue(SectionKind.Tune, "timeout") is null && !grid && !population)
        {
            var at = _experiment.Syntax.Sections.OfType<SettingsSectionSyntax>().FirstOrDefault(s => s.Kind == SectionKind.Tune)?.Span ?? _experiment.Syntax.Name.Span;
            _diagnostics.Add(NoBudget(at with { Range = new(at.Range.Start, Math.Min(4, at.Range.Length)) }, _experiment.Name));
        }

        if (grid && trials is not null && ConstantFolder.TryFold(trials, _model) is IntValue count && spaceSize is { } size && count.Value > size)
        {
            _diagnostics.Add(TrialsBeyondGrid(trials.Span, size, count.Value));
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

        _diagnostics.Add(TrialsWithinFirstGeneration(trials.Span, entry.Name, population.Value, budget));
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

        _diagnostics.Add(TrialsWithinStartup(trials.Span, entry.Name, startup.Value, budget));
    }

    // A Gaussian process refits over every earlier trial for each new one, a cost cubic in their
    // number: fine for hundreds of trials, seconds per trial beyond a thousand.
    private void CheckSamplerCost(ExpressionSyntax sampler, ExpressionSyntax trials, long budget)
    {
        if (_model.GetResolution(sampler) is CatalogEntry { Strategy.TrialsItHandlesWell: { } limit } entry && budget > limit)
        {
            _diagnostics.Add(TrialsTooManyForSampler(trials.Span, entry.Name, limit, budget));
        }
    }

    // CMA-ES and its kind: one objective only; and a space with no numeric parameter to model
    // leaves it drawing everything at random.
    private void CheckSamplerFits(ExpressionSyntax sampler, string name, StrategyMeaning strategy)
    {
        var objectives = _experiment.SettingsOf(SectionKind.Tune).OfType<ObjectiveSettingSyntax>().LastOrDefault()?.Objectives ?? [];
        if (strategy.OneObjective && objectives.Length > 1)
        {
            _diagnostics.Add(SamplerNeedsOneObjective(sampler.Span, name, [.. objectives.Select(o => o.Metric)]));
        }

        var sampled = _parameters.Where(p => !p.IsFixed && p.Domain is not null).ToList();
        if (strategy.ModelsNumbersOnly && sampled.Count > 0 && !sampled.Any(p => !p.IsConditional && p.Domain is FloatDomain or IntDomain))
        {
            _diagnostics.Add(SamplerHasNothingToModel(sampler.Span, name));
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
                        var inherited = !(ReferenceEquals(attempt.Span.File, _experiment.Syntax.Span.File) && _experiment.Syntax.Span.Range.Contains(attempt.Span.Range));
                        _diagnostics.Add(TryValueOutsideSpace(assignment.Value.Span, parameter.Name, value, expected, inherited ? _experiment.Name : null));
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
                    _diagnostics.Add(TryBreaksConstraint(attempt.Name.Span, constraint.Condition, constraint.Span.Start.Line));
                }
            }

            foreach (var (parameter, _) in point.Where(p => p.Key.Condition is not null).ToList())
            {
                if (Evaluator.IsTrue(_space.SafeEvaluate(parameter.Condition!, new Evaluation.Environment(point))) == false)
                {
                    var assignment = attempt.Assignments.First(a => ReferenceEquals(_model.GetResolution(a), parameter));
                    _diagnostics.Add(TryInactiveParameter(assignment.Name.Span, parameter.Name, parameter.Condition!));
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

        _diagnostics.Add(NoPositiveWeight(call.Span, entry.Name, weights));
    }

    private ExpressionSyntax? SettingValue(SectionKind section, string setting) =>
        (_experiment.Setting(section, setting) as ValueSettingSyntax)?.Arguments.FirstOrDefault()?.Value;

    private double? MaxOf(ExpressionSyntax? expression) => Extreme(expression, max: true);

    private double? MinOf(ExpressionSyntax? expression) => Extreme(expression, max: false);

    private double? Extreme(ExpressionSyntax? expression, bool max) => expression is null ? null : _space.Extreme(expression, max);
}
