using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Compiler.Diagnostics;

// Training, data, tuning, the task and the devices (HYP4xxx, and the HYP5020-HYP5033 at a
// construct the generator does not translate yet): each problem with its wording and help.
public static partial class CompilerDiagnostics
{
    // ---- data pipelines ----

    /// <summary>HYP4051 at a per-image transform written after mixup or cutmix (written on <paramref name="mixingLine"/>).</summary>
    internal static Diagnostic TransformAfterMixing(SourceSpan span, string transform, string mixing, int mixingLine) =>
        Create(TransformAfterMixingDescriptor, span,
            $"'{transform}' comes after '{mixing}' (line {mixingLine}), but '{mixing}' mixes whole batches and their labels after every per-image transform.",
            $"Move '{mixing}' to the end of the 'augment' block, after '{transform}'.");

    /// <summary>HYP4050 at mixup or cutmix in 'evaluate'.</summary>
    internal static Diagnostic MixingInEvaluate(SourceSpan span, string mixing) =>
        Create(MixingInEvaluateDescriptor, span,
            $"'{mixing}' mixes images and their labels, which only training does; 'evaluate' must score every validation and test image as it is, with its own label.",
            $"Move '{mixing}' to the end of the 'augment' block.");

    /// <summary>HYP1004 at a random transform in 'evaluate'.</summary>
    internal static Diagnostic RandomTransformInEvaluate(SourceSpan span, string transform) =>
        Create(WrongKindDescriptor, span,
            $"'{transform}' is a random transform, but 'evaluate' must treat every validation and test image the same way.",
            "Use 'resize' and 'center_crop' in 'evaluate'; random transforms belong in 'augment'.");

    /// <summary>HYP4052 at augmix's depth 0: chains of no operations would mix each image with itself.</summary>
    internal static Diagnostic AugMixDepthZero(SourceSpan span) =>
        Create(AugMixDepthZeroDescriptor, span,
            "augmix's depth 0 makes chains of no operations, so every image would be mixed with copies of itself and left unchanged.",
            "Give a depth of 1 or more, or -1 (the default) for a random depth from 1 to 3 per chain.");

    // ---- required settings and the model ----

    /// <summary>HYP3113 at an experiment without a model section.</summary>
    internal static Diagnostic NoModelSection(SourceSpan span, string experiment) =>
        Create(EmptyModelDescriptor, span, $"'{experiment}' has no model section, so there is nothing to train.",
            "Add 'model { ... }' with the layers, or 'extends' an experiment that has one.");

    /// <summary>HYP3113 at a model section without layers.</summary>
    internal static Diagnostic ModelWithoutLayers(SourceSpan span, string experiment) =>
        Create(EmptyModelDescriptor, span, $"The model of '{experiment}' has no layers.", null);

    /// <summary>HYP1013 at an experiment without a required setting.</summary>
    internal static Diagnostic MissingSetting(SourceSpan span, string experiment, SettingSpec spec)
    {
        var section = spec.Section.ToString().ToLowerInvariant();
        return Create(MissingSettingDescriptor, span,
            $"'{experiment}' has no '{spec.Name}' setting in its {section} section: {char.ToLowerInvariant(spec.Summary[0])}{spec.Summary[1..]}",
            $"Add it to the {section} section, for example '{spec.Example ?? spec.Name + " ..."}'.");
    }

    // ---- schedules, pruners and epochs ----

    private static string Epochs(double count) => Value.FormatNumber(count) + (count == 1 ? " epoch" : " epochs");

    /// <summary>HYP4002 at a pruner's first rung at or after the last epoch.</summary>
    internal static Diagnostic PrunerBeyondEpochs(SourceSpan span, double firstRung, double epochs) =>
        Create(PrunerBeyondEpochsDescriptor, span,
            $"The pruner first compares trials after {Epochs(firstRung)}, but trials train for {Epochs(epochs)}, so it never prunes anything.",
            "Lower the pruner's first rung, or train for more epochs.");

    /// <summary>HYP4031 at a schedule's length or milestone (<paramref name="what"/>) whose amount is a float.</summary>
    internal static Diagnostic FractionalScheduleCount(SourceSpan span, string what, ExpressionSyntax value, ExpressionSyntax amount, bool epochs) =>
        Create(FractionalScheduleCountDescriptor, span,
            $"The {what} '{Shorten(value)}' is not a whole number of {(epochs ? "epochs" : "steps")}: '{Shorten(amount)}' is a float, and schedules count whole epochs and steps.",
            epochs
                ? "Write an int ('2 epochs', not '2.0 epochs'), or count in steps for a finer length (for example '500 steps')."
                : "Write an int ('500 steps', not '500.0 steps').");

    /// <summary>HYP4001 at a schedule's phase (<paramref name="isPhase"/>) or milestone that is not before the end of training at the point <paramref name="when"/> ("" for all).</summary>
    internal static Diagnostic MilestoneBeyondEpochs(SourceSpan span, string what, bool isPhase, QuantityValue late, double epochs, string when) =>
        Create(MilestoneBeyondEpochsDescriptor, span, isPhase
                ? $"The {Value.FormatNumber(late.Amount)}-epoch {what} is not shorter than training ({Epochs(epochs)}){(when.Length > 0 ? $" when {when}" : "")}, so the schedule after it never starts."
                : $"The {what} at {late.Display} is not before the end of training ({Epochs(epochs)}){(when.Length > 0 ? $" when {when}" : "")}, so it never takes effect.",
            "Move it before the last epoch, or train for more epochs.");

    // ---- metrics ----

    /// <summary>HYP4003 at a metric reported only under a condition (<paramref name="needs"/>, as a clause) that the spec does not meet.</summary>
    internal static Diagnostic MetricNotReported(SourceSpan span, string metric, string needs) =>
        Create(UnknownMetricDescriptor, span, $"'{metric}' is only reported when {needs}.", null);

    /// <summary>The condition of <see cref="MetricNotReported"/> for a metric computed only when 'metrics' asks for it.</summary>
    internal static string NeedsExtraMetric(string flag) => $"'metrics' includes '{flag}' (add 'metrics {flag}' to the train section)";

    /// <summary>The condition of <see cref="MetricNotReported"/> for a metric measured on the test split.</summary>
    internal static string NeedsTestSplit => "the data has a test split (a 'test' source, or a source with its own such as fashion_mnist())";

    /// <summary>HYP4090 at a validation metric where the data has no validation split.</summary>
    internal static Diagnostic ValidationMetricWithoutSplit(SourceSpan span, string metric) =>
        Create(ValidationMetricWithoutSplitDescriptor, span,
            $"'{metric}' is measured on the validation split, but the data section has none, so every trial would fail without it.",
            "Add 'validation 10%' to the data section (a share of the training data), or a validation source of its own.");

    /// <summary>HYP4030 at early stopping that watches a metric measured once.</summary>
    internal static Diagnostic EarlyStopOnceMeasured(SourceSpan span, string metric) =>
        Create(EarlyStopOnceMeasuredDescriptor, span,
            $"Early stopping watches '{metric}', which is measured once, after training, so there is no epoch to compare it at.",
            "Watch a metric measured each epoch, such as val_loss or val_accuracy; an objective can still be test_accuracy.");

    // ---- data ----

    /// <summary>HYP4009 at a validation share not between 0 and 1 (<paramref name="share"/>); a bare number from 1 up to 100 was meant as a percentage.</summary>
    internal static Diagnostic ValidationShareOutOfRange(SourceSpan span, Value value, double share) =>
        Create(ValidationSplitDescriptor, span,
            $"The validation share must be between 0 and 100% (exclusive), but it is {value.Display}.",
            value is not QuantityValue && share is >= 1 and < 100
                ? $"A bare number is a fraction of the training data: for {value.Display} percent, write '{value.Display}%'."
                : "A tenth to a fifth (10% to 20%) is usual.");

    /// <summary>HYP4091 at a validation share that holds out no image (<paramref name="heldOutNone"/>) or every image of <paramref name="images"/> in <paramref name="classes"/>.</summary>
    internal static Diagnostic ValidationSplitLeavesSplitEmpty(SourceSpan span, Value value, double fraction, long images, long classes, bool heldOutNone)
    {
        var (what, empty) = heldOutNone ? ("no image", "validation") : ("every image", "training");
        var most = (images + classes - 1) / classes;
        return Create(ValidationSplitLeavesSplitEmptyDescriptor, span,
            $"The validation share {value.Display} holds out {what}: the split takes {Value.FormatNumber(fraction * 100)}% of each class's images, rounded, and {images} images in {classes} classes give each class at most {most}, so the {empty} split would be empty and every trial would fail loading the data.",
            heldOutNone ? "Raise the share, or give the source more images per class." : "Lower the share, or give the source more images per class.");
    }

    /// <summary>HYP4011 at an empty data path.</summary>
    internal static Diagnostic EmptyDataPath(SourceSpan span, CatalogEntry source) =>
        Create(DataPathDescriptor, span, $"The data path given to '{source.Name}' is empty, so it names no file or folder.",
            source.Source is { SearchesStandardPlaces: true }
                ? $"Name the folder (relative paths start at the spec's folder), or write '{source.Name}()' to search the standard places."
                : "Name the file or folder; relative paths start at the spec's folder.");

    /// <summary>HYP4011 at a data path with a control character or line break (<paramref name="bad"/>).</summary>
    internal static Diagnostic UnprintableDataPath(SourceSpan span, string source, char bad) =>
        Create(DataPathDescriptor, span,
            $"The data path given to '{source}' contains the character U+{(int)bad:X4} (a control character or line break), which no file name should hold.",
            "Write the path without control characters or line breaks.");

    /// <summary>HYP4013 at a storage setting that names something other than a SQLite file inside the spec's folder.</summary>
    internal static Diagnostic StorageOutsideSpecFolder(SourceSpan span, StorageProblem problem) =>
        Create(StorageOutsideSpecFolderDescriptor, span,
            $"The spec's storage {problem switch
            {
                StorageProblem.Empty => "is empty",
                StorageProblem.Unprintable => "holds a control character or line break",
                StorageProblem.EnvironmentVariable => "reads an environment variable",
                StorageProblem.Server => "names a database server or another kind of location",
                StorageProblem.AbsolutePath => "is an absolute path",
                _ => "leaves the spec's folder through '..'",
            }}: a spec may name only a SQLite file inside its own folder, so that a spec from someone else cannot send its study elsewhere or create files outside its folder.",
            "Write a relative path such as \"studies/my-study.db\", or give another place when running: hyp run --storage LOCATION (or $HYP_STORAGE).");

    /// <summary>HYP4012 at an 'input' shape other than the one the source fixes.</summary>
    internal static Diagnostic InputContradictsSource(SourceSpan span, long channels, long height, long width, string source, IEnumerable<long> sourceShape) =>
        Create(InputContradictsSourceDescriptor, span,
            $"'input' says the images are {channels}x{height}x{width}, but '{source}' gives {string.Join("x", sourceShape)} images, so every trial would fail.",
            "Remove 'input': this source fixes the shape.");

    /// <summary>HYP5021 at a statement other than a transform in the augment or evaluate section (<paramref name="pipeline"/>).</summary>
    internal static Diagnostic PipelineStatement(SourceSpan span, string pipeline, SyntaxNode statement) =>
        Create(PipelineStatementDescriptor, span,
            $"The {pipeline} section takes transforms, one after another; '{Shorten(statement)}' is not generated there yet (nor are the image sizes it gives checked).",
            "List the transforms themselves; a transform applied only sometimes takes a probability (hflip(p: 0.5), rotate(degrees: 10, p: 0.5)), and a searched value can be its argument.");

    /// <summary>HYP4015 at a source whose class count is known only when loaded, where the model's output varies (<paramref name="outputs"/>).</summary>
    internal static Diagnostic ClassesUnknown(SourceSpan span, string source, IEnumerable<string> outputs) =>
        Create(ClassesUnknownDescriptor, span,
            $"'{source}' without 'classes:' has as many classes as the data holds, known only when it is loaded, and the model's output differs between points ({string.Join(", ", outputs)}), so it cannot be checked against them for every point.",
            $"Say how many classes there are: '{source}(..., classes: N)'.");

    /// <summary>HYP5020 at a parameter used by a data setting (<paramref name="what"/>: "'source'", "'resize'", ...); 'resize' only for an image folder.</summary>
    internal static Diagnostic DataUsesParameter(SourceSpan span, string what, string parameter) =>
        Create(DataUsesParameterDescriptor, span,
            what == "'resize'"
                ? $"'resize' uses the parameter '{parameter}', but an image folder is decoded once, at one size; the code generator does not translate a searched size for it yet."
                : $"{char.ToUpperInvariant(what[0])}{what[1..]} uses the parameter '{parameter}', so the images' source or shape would change from trial to trial; the code generator does not translate that yet (only the image size may be searched: 'resize', for sources other than an image folder, and the crops and resizes of the augment and evaluate sections).",
            "Write the value itself (for instance 'resize 224'), and search the size with one study per size for now.");

    /// <summary>HYP4060 at a weighted loss none of whose <paramref name="weights"/> is above 0 everywhere.</summary>
    internal static Diagnostic NoPositiveWeight(SourceSpan span, string loss, IReadOnlyList<string> weights) =>
        Create(NoPositiveWeightDescriptor, span,
            $"'{loss}' weighs {string.Join(", ", weights)}, but none of them is given above 0 at every point of the space, so at some point the loss would weigh nothing.",
            $"Give one weight a fixed value above 0, such as '{loss}({weights[0]}: 1.0, {weights[1]}: w)'.");

    // ---- the study ----

    /// <summary>HYP4093 at a parameter used by a setting read once for the whole study.</summary>
    internal static Diagnostic StudySettingUsesParameter(SourceSpan span, string setting, string parameter) =>
        Create(StudySettingUsesParameterDescriptor, span,
            $"'{setting}' is set once for the whole study, before any trial draws its parameters, so it cannot use the parameter '{parameter}', which differs from trial to trial.",
            $"Write a value every trial shares (a number, or a fixed value from params such as 'n = 20'); to compare values of '{setting}', run one study per value.");

    /// <summary>HYP4004 at a continuous parameter's distribution in a grid search.</summary>
    internal static Diagnostic GridNeedsFiniteSpace(SourceSpan span, string parameter) =>
        Create(GridNeedsFiniteSpaceDescriptor, span,
            $"A grid search needs a finite space, but '{parameter}' is continuous.",
            "Give it a step ('uniform(a, b, step: s)'), make it a 'choice', or use another sampler.");

    /// <summary>HYP4007 at a tune section (or experiment) with neither 'trials' nor 'timeout'.</summary>
    internal static Diagnostic NoBudget(SourceSpan span, string experiment) =>
        Create(NoBudgetDescriptor, span,
            $"'{experiment}' sets neither 'trials' nor 'timeout', so its study runs until it is stopped.", "Add 'trials 50' or 'timeout 2h' to the tune section.");

    /// <summary>HYP4010 at more trials than a grid's points.</summary>
    internal static Diagnostic TrialsBeyondGrid(SourceSpan span, long points, long trials) =>
        Create(TrialsBeyondGridDescriptor, span,
            $"The grid has {points} points, so only {points} of the {trials} trials can run.", $"Set 'trials {points}', or leave 'trials' out for a grid.");

    /// <summary>HYP4105 at a budget under two generations of a generational sampler.</summary>
    internal static Diagnostic TrialsWithinFirstGeneration(SourceSpan span, string sampler, long population, long budget) =>
        Create(TrialsWithinFirstGenerationDescriptor, span,
            budget <= population
                ? $"'{sampler}' with population {population} and {budget} trials never leaves its random first generation, so it searches no better than 'random'."
                : $"'{sampler}' with population {population} and {budget} trials runs only {budget - population} trials beyond its random first generation of {population}, less than one evolved generation.",
            $"Run at least {2 * population} trials (several generations are better), or give a smaller 'population' (for instance '{sampler}(population: {Math.Max(2, budget / 4)})').");

    /// <summary>HYP4110 at a budget within a model-based sampler's random startup.</summary>
    internal static Diagnostic TrialsWithinStartup(SourceSpan span, string sampler, long startup, long budget) =>
        Create(TrialsWithinStartupDescriptor, span,
            $"'{sampler}' draws its first {startup} complete trials at random, and the study runs {budget}, so its model never proposes a trial and it searches no better than 'random'.",
            $"Run more than {startup} trials, or give a smaller 'startup' (for instance '{sampler}(startup: {Math.Max(1, budget / 3)})').");

    /// <summary>HYP4111 at a budget past what the sampler handles quickly (<paramref name="limit"/>).</summary>
    internal static Diagnostic TrialsTooManyForSampler(SourceSpan span, string sampler, long limit, long budget) =>
        Create(TrialsTooManyForSamplerDescriptor, span,
            $"'{sampler}' refits its model over every earlier trial for each new one, a cost that grows with the cube of the trials: beyond {limit} trials each new one takes it seconds, and this study runs {budget}.",
            $"Use 'sampler tpe' for a study this long (or 'cmaes' for numeric parameters), or run at most {limit} trials.");

    /// <summary>HYP4112 at a sampled parameter that population-based training (<paramref name="sampler"/>) would perturb mid-training, though <paramref name="reason"/>.</summary>
    internal static Diagnostic PopulationParameterFixed(SourceSpan span, string parameter, string sampler, string reason) =>
        Create(PopulationParameterFixedDescriptor, span,
            $"'{sampler}' changes every sampled parameter in the middle of a trial, when a member takes over another's weights and training state, but '{parameter}' cannot change there: {reason}.",
            $"Fix '{parameter}' ('{parameter} = ...'), or search it with another sampler (say 'tpe'), or run one PBT study per value of it.");

    /// <summary>HYP4100 at a single-objective sampler in a study with several <paramref name="objectives"/>.</summary>
    internal static Diagnostic SamplerNeedsOneObjective(SourceSpan span, string sampler, IReadOnlyCollection<ExpressionSyntax> objectives) =>
        Create(SamplerNeedsOneObjectiveDescriptor, span,
            $"'{sampler}' optimizes one objective, but the study has {objectives.Count} ({string.Join(", ", objectives.Select(Shorten))}).",
            "Keep one objective (a 'require' constraint can bound the others), or use 'sampler tpe', which models several.");

    /// <summary>HYP4101 at a numbers-only sampler in a space without an unconditional numeric parameter.</summary>
    internal static Diagnostic SamplerHasNothingToModel(SourceSpan span, string sampler) =>
        Create(SamplerHasNothingToModelDescriptor, span,
            $"'{sampler}' models only numeric parameters without a 'when' condition, and this space has none, so it would draw every value at random.",
            "Use 'sampler tpe', which models categorical and conditional parameters too.");

    /// <summary>HYP4006 at a try point's value outside the parameter's domain (<paramref name="expected"/>); <paramref name="inExperiment"/> names the experiment when the point is inherited.</summary>
    internal static Diagnostic TryValueOutsideSpace(SourceSpan span, string parameter, Value value, string expected, string? inExperiment) =>
        Create(TryOutsideSpaceDescriptor, span,
            $"The try point sets '{parameter}' to {DiagnosticText.Excerpt(value.Display)}, which is outside its {expected}{(inExperiment is null ? "" : $" in '{inExperiment}'")}.", "Try only points the study itself could sample.");

    /// <summary>HYP4006 at a try point that breaks a constraint (written on <paramref name="constraintLine"/>).</summary>
    internal static Diagnostic TryBreaksConstraint(SourceSpan span, ExpressionSyntax constraint, int constraintLine) =>
        Create(TryOutsideSpaceDescriptor, span,
            $"This try point breaks the constraint 'require {Shorten(constraint)}' (line {constraintLine}), so the study could never sample it.",
            "Change the point so it meets every constraint.");

    /// <summary>HYP4006 at a try point's value for a parameter whose condition does not hold there.</summary>
    internal static Diagnostic TryInactiveParameter(SourceSpan span, string parameter, ExpressionSyntax condition) =>
        Create(TryOutsideSpaceDescriptor, span,
            $"The try point sets '{parameter}', which is inactive there ({Shorten(condition)} does not hold).", $"Drop '{parameter}' from this point.");

    // ---- the task ----

    /// <summary>How a task diagnostic says which task the spec trains: declared, or the default.</summary>
    internal static string TaskClause(string task, bool declared) =>
        declared ? $"the spec declares 'task {task}'" : $"the spec trains {task} (the default: no 'task' is declared)";

    private static string TasksOf(CatalogEntry entry) => entry.Tasks.IsEmpty ? "every task" : string.Join(" or ", entry.Tasks.Select(t => $"'task {t}'"));

    /// <summary>HYP5022 at a task this version does not train (<paramref name="why"/>).</summary>
    internal static Diagnostic TaskNotSupported(SourceSpan span, string task, string why) =>
        Create(TaskNotSupportedDescriptor, span,
            $"'task {task}' is not trained by this version of HyperDsl: {why}.",
            "Declare 'task classification' (the default, which may be left out) or 'task segmentation'.");

    /// <summary>HYP5030 at a data source for another task (<paramref name="declared"/>: <see cref="TaskClause"/>).</summary>
    internal static Diagnostic TaskSourceMismatch(SourceSpan span, CatalogEntry source, TaskEntry task, string declared) =>
        Create(TaskSourceMismatchDescriptor, span,
            $"'{source.Name}' gives data for {TasksOf(source)}, but {declared}.",
            task.PerPixel
                ? "Give image and mask pairs: segmentation_folder(images: \"...\", masks: \"...\", classes: N)."
                : $"Declare 'task {source.Tasks[0]}' in the data section, or give a source of labelled images for {task.Name}.");

    /// <summary>HYP5032 at a transform in <paramref name="block"/> that cannot move masks (<paramref name="fitting"/>: the transforms that can there).</summary>
    internal static Diagnostic TaskTransformMismatch(SourceSpan span, string transform, string task, string declared, string block, IEnumerable<string> fitting, IReadOnlyList<string> maskMixings) =>
        Create(TaskTransformMismatchDescriptor, span,
            $"'{transform}' cannot move masks with their images, and {declared}.",
            $"Under 'task {task}' the {block} block takes {string.Join(", ", fitting)}: a geometric transform moves the masks with the images (nearest neighbours), a colour change or an erasure leaves them alone"
            + (maskMixings.Count > 0 ? $", and {string.Join(", ", maskMixings)} mixes each partner's mask with its image." : "."));

    /// <summary>HYP5033 at a loss for another task.</summary>
    internal static Diagnostic TaskLossMismatch(SourceSpan span, CatalogEntry loss, TaskEntry task, string declared) =>
        Create(TaskLossMismatchDescriptor, span,
            $"The loss '{loss.Name}' is for {TasksOf(loss)}, but {declared}.",
            task.PerPixel
                ? "Use a per-pixel loss: cross_entropy, focal, dice, or a weighted sum such as sum(cross_entropy: 1.0, dice: 0.5)."
                : "Use cross_entropy (the default), focal, nll or bce.");

    /// <summary>HYP5031 at a metric measured only for task <paramref name="only"/> (<paramref name="instead"/>: the task's own metrics).</summary>
    internal static Diagnostic TaskMetricMismatch(SourceSpan span, string metric, string only, string task, string declared, IEnumerable<string> instead) =>
        Create(TaskMetricMismatchDescriptor, span,
            $"'{metric}' is measured for {only} only, but {declared}.",
            $"Name a metric of {task}: {string.Join(", ", [.. instead, "val_loss", "train_loss"])}.");

    /// <summary>HYP5031 at an extra metric ('metrics auc') computed only for task <paramref name="only"/> (<paramref name="reported"/>: what the task reports each epoch).</summary>
    internal static Diagnostic TaskExtraMetricMismatch(SourceSpan span, string metric, string only, string task, string declared, IEnumerable<string> reported) =>
        Create(TaskMetricMismatchDescriptor, span,
            $"'metrics {metric}' is computed for {only} only, but {declared}.",
            $"Leave it out: under 'task {task}' the trainer reports {string.Join(", ", reported)} each epoch.");

    // ---- devices ----

    /// <summary>HYP4080 at a 'device' setting that names no device.</summary>
    internal static Diagnostic NoDevice(SourceSpan span) =>
        Create(DeviceListInvalidDescriptor, span,
            "'device' names no device.",
            "Write 'device auto', 'device cpu', 'device cuda', or the GPUs to use: 'device cuda: 0' or 'device cuda: 0, cuda: 1'.");

    /// <summary>HYP4080 at a device keyword given with CUDA indices (<paramref name="indices"/>: where each is written).</summary>
    internal static Diagnostic DeviceKeywordWithIndices(SourceSpan span, string keyword, IEnumerable<SourceSpan> indices) =>
        Create(DeviceListInvalidDescriptor, span,
            $"'device' names '{keyword}' and CUDA devices by index; a study trains either where a keyword says or on the listed GPUs.",
            $"Write 'device {keyword}', or list the GPUs alone: 'device {string.Join(", ", indices.Select(i => $"cuda: {Shorten(i)}"))}'.");

    /// <summary>HYP4080 at a device index (written at <paramref name="span"/>) that is not a constant int.</summary>
    internal static Diagnostic DeviceIndexNotConstant(SourceSpan span) =>
        Create(DeviceListInvalidDescriptor, span,
            $"The device index '{Shorten(span)}' is not a constant int; the devices are fixed for the whole study, before any parameter is sampled.",
            "Write the GPU's number, such as 'cuda: 1'.");

    /// <summary>HYP4080 at a GPU listed twice.</summary>
    internal static Diagnostic DeviceListedTwice(SourceSpan span, long index) =>
        Create(DeviceListInvalidDescriptor, span,
            $"'cuda: {index}' is listed twice; each listed GPU runs one parallel trial.",
            "List each GPU once; to run several trials on one GPU, set 'parallel' in the tune section above the number of GPUs.");

    /// <summary>HYP4081 at 'parallel' below the number of listed GPUs.</summary>
    internal static Diagnostic FewerParallelTrialsThanDevices(SourceSpan span, long parallel, int devices) =>
        Create(FewerParallelTrialsThanDevicesDescriptor, span,
            $"'parallel {parallel}' runs fewer trials at once than the {devices} GPUs 'device' lists, so some of them would stay idle.",
            $"Set 'parallel {devices}' (or leave it out: a device list runs one trial per GPU), or list only the GPUs to use.");

    /// <summary>HYP4082 at 'precision fp16' in a study whose device is the CPU.</summary>
    internal static Diagnostic HalfPrecisionOnCpu(SourceSpan span) =>
        Create(HalfPrecisionOnCpuDescriptor, span,
            "'precision fp16' trains in float16 with a loss scale, which runs on CUDA only, but 'device cpu' trains on the CPU.",
            "Write 'precision bf16' to train in reduced precision on the CPU (bfloat16 needs no loss scale), or 'device cuda' (or 'auto' on a machine with a GPU).");

    // ---- image folders ----

    /// <summary>HYP4041 at an image folder with more than <paramref name="maxEntries"/> entries.</summary>
    internal static Diagnostic ImageFolderTooManyEntries(SourceSpan span, string path, int maxEntries, string source) =>
        Create(ImageFolderTooLargeDescriptor, span,
            $"The image folder '{path}' holds more than {maxEntries} entries, so its classes were not counted; '{source}' expects one sub-folder per class, and 'hyp run' would refuse it too.",
            "Point it at the folder whose sub-folders are the classes, and move anything else out of it.");

    /// <summary>HYP4040 at an image folder without sub-folders.</summary>
    internal static Diagnostic ImageFolderWithoutClasses(SourceSpan span, string path, string source) =>
        Create(ImageFolderWithoutClassesDescriptor, span,
            $"The image folder '{path}' holds no sub-folders, so it has no classes; '{source}' expects one sub-folder per class, named after it, holding that class's PNG or JPEG images.",
            "Put each class's images in a sub-folder named after the class, or point it at the folder that holds those sub-folders.");

    /// <summary>HYP4041 at an image folder with more than <paramref name="maxClasses"/> class folders.</summary>
    internal static Diagnostic ImageFolderTooManyClasses(SourceSpan span, string path, int classes, int maxClasses) =>
        Create(ImageFolderTooLargeDescriptor, span,
            $"The image folder '{path}' holds {classes} sub-folders, so {classes} classes, but at most {maxClasses} are supported.",
            "Point it at the folder whose sub-folders are the classes, or merge classes.");

    /// <summary>HYP4092 at a validation or test folder (<paramref name="role"/>) with class folders the training folder lacks.</summary>
    internal static Diagnostic SplitClassNotInTraining(SourceSpan span, string role, string path, IReadOnlyList<string> unknown, string trainingPath)
    {
        var named = string.Join(", ", unknown.Take(3).Select(n => $"'{DiagnosticText.Excerpt(n)}'")) + (unknown.Count > 3 ? $" and {unknown.Count - 3} more" : "");
        return Create(SplitClassNotInTrainingDescriptor, span,
            $"The {role} folder '{DiagnosticText.Excerpt(path)}' has the class folder{(unknown.Count == 1 ? "" : "s")} {named}, which the training folder '{DiagnosticText.Excerpt(trainingPath)}' does not have; the model has no output for {(unknown.Count == 1 ? "it" : "them")}, and 'hyp run' would stop loading the data.",
            $"Give the {role} folder the training folder's class sub-folders (it may lack some), or add the class to the training folder.");
    }
}
