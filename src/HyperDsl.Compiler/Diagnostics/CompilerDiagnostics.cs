using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Compiler.Diagnostics;

/// <summary>
/// The HYP1xxx-HYP4xxx diagnostics: names and types, the search space, the architecture and
/// its shapes, training and tuning; and the HYP5xxx that the checker gives for names in the
/// generated C#. The only place such diagnostics are built: the descriptors are here, and each
/// problem's message builder (its wording and its help) lives beside the others of its area in a
/// <c>CompilerDiagnostics.&lt;Area&gt;.cs</c> part, so a checker reports a problem by name and never
/// writes a message inline.
/// </summary>
public static partial class CompilerDiagnostics
{
    private static DiagnosticDescriptor Error(string code, string title) => new(code, DiagnosticSeverity.Error, title);

    private static DiagnosticDescriptor Warning(string code, string title) => new(code, DiagnosticSeverity.Warning, title);

    // ---- names and types ----

    /// <summary>HYP1001.</summary>
    public static readonly DiagnosticDescriptor UnknownNameDescriptor = Error("HYP1001", "Unknown name");

    /// <summary>HYP1002.</summary>
    public static readonly DiagnosticDescriptor DuplicateParameterDescriptor = Error("HYP1002", "Parameter declared twice");

    /// <summary>HYP1003.</summary>
    public static readonly DiagnosticDescriptor UnknownCallDescriptor = Error("HYP1003", "Unknown function, layer or block");

    /// <summary>HYP1004.</summary>
    public static readonly DiagnosticDescriptor WrongKindDescriptor = Error("HYP1004", "Wrong kind of call");

    /// <summary>HYP1005.</summary>
    public static readonly DiagnosticDescriptor UnknownSettingDescriptor = Error("HYP1005", "Unknown setting");

    /// <summary>HYP1006.</summary>
    public static readonly DiagnosticDescriptor DuplicateSettingDescriptor = Error("HYP1006", "Setting given twice");

    /// <summary>HYP1007.</summary>
    public static readonly DiagnosticDescriptor UnknownArgumentDescriptor = Error("HYP1007", "Unknown argument");

    /// <summary>HYP1008.</summary>
    public static readonly DiagnosticDescriptor MissingArgumentDescriptor = Error("HYP1008", "Missing argument");

    /// <summary>HYP1009.</summary>
    public static readonly DiagnosticDescriptor TooManyArgumentsDescriptor = Error("HYP1009", "Too many arguments");

    /// <summary>HYP1010.</summary>
    public static readonly DiagnosticDescriptor DuplicateArgumentDescriptor = Error("HYP1010", "Argument given twice");

    /// <summary>HYP1011.</summary>
    public static readonly DiagnosticDescriptor DuplicateDeclarationDescriptor = Error("HYP1011", "Experiment or block declared twice");

    /// <summary>HYP1012.</summary>
    public static readonly DiagnosticDescriptor DuplicateSectionDescriptor = Error("HYP1012", "Section given twice");

    /// <summary>HYP1013.</summary>
    public static readonly DiagnosticDescriptor MissingSettingDescriptor = Error("HYP1013", "Required setting missing");

    /// <summary>HYP1014.</summary>
    public static readonly DiagnosticDescriptor PositionalAfterNamedDescriptor = Error("HYP1014", "Positional argument after a named one");

    /// <summary>HYP1015.</summary>
    public static readonly DiagnosticDescriptor UnknownSkipNameDescriptor = Error("HYP1015", "Skip connection reads a name not saved before it");

    /// <summary>HYP1016.</summary>
    public static readonly DiagnosticDescriptor DuplicateSkipNameDescriptor = Error("HYP1016", "Skip name saved twice");

    /// <summary>HYP1017.</summary>
    public static readonly DiagnosticDescriptor SkipOutsideModelDescriptor = Error("HYP1017", "Skip connection outside the model section");

    /// <summary>HYP1018.</summary>
    public static readonly DiagnosticDescriptor SettingFormDescriptor = Error("HYP1018", "Setting written with a mix of arguments it does not take together");

    /// <summary>HYP1101.</summary>
    public static readonly DiagnosticDescriptor TypeMismatchDescriptor = Error("HYP1101", "Type mismatch");

    /// <summary>HYP1102.</summary>
    public static readonly DiagnosticDescriptor OperatorTypeDescriptor = Error("HYP1102", "Operator applied to the wrong types");

    /// <summary>HYP1103.</summary>
    public static readonly DiagnosticDescriptor NotWholeNumberDescriptor = Error("HYP1103", "Integer arithmetic that is not whole");

    /// <summary>HYP1104.</summary>
    public static readonly DiagnosticDescriptor UnknownMemberDescriptor = Error("HYP1104", "Unknown member");

    /// <summary>HYP1105.</summary>
    public static readonly DiagnosticDescriptor IndexOutOfRangeDescriptor = Error("HYP1105", "Index outside the list");

    /// <summary>HYP1106.</summary>
    public static readonly DiagnosticDescriptor NotAChoiceDescriptor = Error("HYP1106", "Name is not one of the choices");

    /// <summary>HYP1107.</summary>
    public static readonly DiagnosticDescriptor MatchNotExhaustiveDescriptor = Error("HYP1107", "Match without an arm for some value");

    /// <summary>HYP1108: an argument whose value reads as another framework's convention (batchnorm's momentum 0.9, Keras's).</summary>
    public static readonly DiagnosticDescriptor ForeignConventionDescriptor = Warning("HYP1108", "Value in another framework's convention");

    /// <summary>HYP1109: a match arm (or one of its patterns) that can never be chosen, because an earlier arm already takes every value it names.</summary>
    public static readonly DiagnosticDescriptor UnreachableArmDescriptor = Error("HYP1109", "Match arm never reached");

    /// <summary>HYP1201.</summary>
    public static readonly DiagnosticDescriptor UnknownParentDescriptor = Error("HYP1201", "Unknown parent experiment");

    /// <summary>HYP1202.</summary>
    public static readonly DiagnosticDescriptor ExtendsCycleDescriptor = Error("HYP1202", "Experiments extend each other in a cycle");

    /// <summary>HYP1203.</summary>
    public static readonly DiagnosticDescriptor ImportNotFoundDescriptor = Error("HYP1203", "Imported file not found");

    /// <summary>HYP1204.</summary>
    public static readonly DiagnosticDescriptor ImportCycleDescriptor = Error("HYP1204", "Files import each other in a cycle");

    /// <summary>HYP1205.</summary>
    public static readonly DiagnosticDescriptor BlockRecursionDescriptor = Error("HYP1205", "Block uses itself");

    /// <summary>HYP1206.</summary>
    public static readonly DiagnosticDescriptor ImportNotSpecFileDescriptor = Error("HYP1206", "Import does not name a .hyp file");

    /// <summary>HYP1207.</summary>
    public static readonly DiagnosticDescriptor ImportNotRegularFileDescriptor = Error("HYP1207", "Imported path is not a regular file");

    /// <summary>HYP1208.</summary>
    public static readonly DiagnosticDescriptor ImportTooLargeDescriptor = Error("HYP1208", "Imported file too large");

    /// <summary>HYP1209.</summary>
    public static readonly DiagnosticDescriptor TooManyImportsDescriptor = Error("HYP1209", "Imports nested too deeply or too many");

    // ---- the search space ----

    /// <summary>HYP2001.</summary>
    public static readonly DiagnosticDescriptor LowNotBelowHighDescriptor = Error("HYP2001", "Low bound not below high bound");

    /// <summary>HYP2002.</summary>
    public static readonly DiagnosticDescriptor LogNeedsPositiveLowDescriptor = Error("HYP2002", "Log scale needs a positive low bound");

    /// <summary>HYP2003.</summary>
    public static readonly DiagnosticDescriptor StepWithLogDescriptor = Error("HYP2003", "Step combined with a log scale");

    /// <summary>HYP2004.</summary>
    public static readonly DiagnosticDescriptor StepDoesNotFitDescriptor = Warning("HYP2004", "Step does not divide the range");

    /// <summary>HYP2005.</summary>
    public static readonly DiagnosticDescriptor EmptyChoiceDescriptor = Error("HYP2005", "Choice without values");

    /// <summary>HYP2006.</summary>
    public static readonly DiagnosticDescriptor MixedChoiceDescriptor = Error("HYP2006", "Choice mixes types");

    /// <summary>HYP2007.</summary>
    public static readonly DiagnosticDescriptor DuplicateChoiceDescriptor = Warning("HYP2007", "Choice lists a value twice");

    /// <summary>HYP2008.</summary>
    public static readonly DiagnosticDescriptor NotADistributionDescriptor = Error("HYP2008", "Not a distribution");

    /// <summary>HYP2009.</summary>
    public static readonly DiagnosticDescriptor BoundNotConstantDescriptor = Error("HYP2009", "Distribution bound depends on a parameter");

    /// <summary>HYP2010.</summary>
    public static readonly DiagnosticDescriptor ConditionUsesLaterParameterDescriptor = Error("HYP2010", "Condition refers to a later parameter");

    /// <summary>HYP2011.</summary>
    public static readonly DiagnosticDescriptor ConditionNeverTrueDescriptor = Error("HYP2011", "Condition never holds");

    /// <summary>HYP2012.</summary>
    public static readonly DiagnosticDescriptor EmptySpaceDescriptor = Error("HYP2012", "Constraints leave no point");

    /// <summary>HYP2013.</summary>
    public static readonly DiagnosticDescriptor ConstraintAlwaysTrueDescriptor = Warning("HYP2013", "Constraint always holds");

    /// <summary>HYP2014.</summary>
    public static readonly DiagnosticDescriptor UnusedParameterDescriptor = Warning("HYP2014", "Parameter never used");

    /// <summary>HYP2015.</summary>
    public static readonly DiagnosticDescriptor SingleChoiceDescriptor = Warning("HYP2015", "Choice with one value");

    /// <summary>HYP2016: <c>lr = loguniform(...)</c>, a distribution where a fixed value goes.</summary>
    public static readonly DiagnosticDescriptor DistributionWithEqualsDescriptor = Error("HYP2016", "Distribution given with '=' instead of '~'");

    /// <summary>HYP2017: <c>when lr == 0.001</c>, equality on a continuous parameter, which a sample is almost never.</summary>
    public static readonly DiagnosticDescriptor ContinuousEqualityDescriptor = Warning("HYP2017", "Continuous parameter compared for equality");

    // ---- limits: sizes no real spec reaches, refused so that every check ends in seconds ----

    /// <summary>HYP2101.</summary>
    public static readonly DiagnosticDescriptor TooManyParametersDescriptor = Error("HYP2101", "Too many parameters");

    /// <summary>HYP2102.</summary>
    public static readonly DiagnosticDescriptor ChoiceTooLargeDescriptor = Error("HYP2102", "Choice with too many values");

    /// <summary>HYP2103.</summary>
    public static readonly DiagnosticDescriptor ConditionsTooDeepDescriptor = Error("HYP2103", "Conditions nested too deeply");

    /// <summary>HYP2104.</summary>
    public static readonly DiagnosticDescriptor ExtendsTooDeepDescriptor = Error("HYP2104", "Extends chain too long");

    /// <summary>HYP2105.</summary>
    public static readonly DiagnosticDescriptor ModelNestedTooDeepDescriptor = Error("HYP2105", "Model nested too deeply");

    /// <summary>HYP2106.</summary>
    public static readonly DiagnosticDescriptor ModelTooLargeDescriptor = Error("HYP2106", "Model too large when unrolled");

    /// <summary>HYP2107.</summary>
    public static readonly DiagnosticDescriptor CheckTooLargeDescriptor = Error("HYP2107", "Check too large");

    /// <summary>HYP2201.</summary>
    public static readonly DiagnosticDescriptor ConditionalOutsideConditionDescriptor = Error("HYP2201", "Conditional parameter used where its condition may not hold");

    // ---- architecture and shapes ----

    /// <summary>HYP3001.</summary>
    public static readonly DiagnosticDescriptor ArgumentOutOfRangeDescriptor = Error("HYP3001", "Argument out of range");

    /// <summary>HYP3101.</summary>
    public static readonly DiagnosticDescriptor KernelLargerThanInputDescriptor = Error("HYP3101", "Feature map smaller than the kernel");

    /// <summary>HYP3102.</summary>
    public static readonly DiagnosticDescriptor ChannelMismatchDescriptor = Error("HYP3102", "Channel count does not fit");

    /// <summary>HYP3103.</summary>
    public static readonly DiagnosticDescriptor FeatureMapIntoLinearDescriptor = Error("HYP3103", "Layer needs features but gets a feature map");

    /// <summary>HYP3104.</summary>
    public static readonly DiagnosticDescriptor PoolLargerThanInputDescriptor = Error("HYP3104", "Feature map smaller than the pooling window");

    /// <summary>HYP3105.</summary>
    public static readonly DiagnosticDescriptor OutputClassMismatchDescriptor = Error("HYP3105", "Output does not match the number of classes");

    /// <summary>HYP3106.</summary>
    public static readonly DiagnosticDescriptor NormalizationLengthDescriptor = Error("HYP3106", "Normalisation does not match the channels");

    /// <summary>HYP3107.</summary>
    public static readonly DiagnosticDescriptor CropLargerThanImageDescriptor = Error("HYP3107", "Crop larger than the image");

    /// <summary>HYP3108.</summary>
    public static readonly DiagnosticDescriptor ResidualShapeDescriptor = Error("HYP3108", "Residual body changes the shape beyond a projection");

    /// <summary>HYP3109.</summary>
    public static readonly DiagnosticDescriptor SamePaddingStrideDescriptor = Error("HYP3109", "'same' padding with a stride");

    /// <summary>HYP3110.</summary>
    public static readonly DiagnosticDescriptor UnknownLayerPathDescriptor = Error("HYP3110", "Unknown layer in freeze or replace");

    /// <summary>HYP3111.</summary>
    public static readonly DiagnosticDescriptor FeaturesIntoMapLayerDescriptor = Error("HYP3111", "Layer needs a feature map but gets features");

    /// <summary>HYP3112.</summary>
    public static readonly DiagnosticDescriptor UnknownInputShapeDescriptor = Error("HYP3112", "Input shape unknown");

    /// <summary>HYP3113.</summary>
    public static readonly DiagnosticDescriptor EmptyModelDescriptor = Error("HYP3113", "Model without layers");

    /// <summary>HYP3114.</summary>
    public static readonly DiagnosticDescriptor ReplaceAfterLayersDescriptor = Error("HYP3114", "Replace after layers that use the replaced layer");

    /// <summary>HYP3115.</summary>
    public static readonly DiagnosticDescriptor NoTrainableParametersDescriptor = Error("HYP3115", "Model without trainable parameters");

    /// <summary>HYP3116.</summary>
    public static readonly DiagnosticDescriptor PoolPaddingDescriptor = Error("HYP3116", "Pooling padding over half the window");

    /// <summary>HYP3117.</summary>
    public static readonly DiagnosticDescriptor EvaluationSizeDescriptor = Error("HYP3117", "Evaluation images of another size than training images");

    /// <summary>HYP3118.</summary>
    public static readonly DiagnosticDescriptor PerClassLengthDescriptor = Error("HYP3118", "Per-class values for another number of classes");

    /// <summary>HYP3130.</summary>
    public static readonly DiagnosticDescriptor PaddingModeTooWideDescriptor = Error("HYP3130", "Padding too wide to reflect or wrap");

    /// <summary>HYP3131.</summary>
    public static readonly DiagnosticDescriptor PaddingModeEvenSameDescriptor = Error("HYP3131", "Padding mode with 'same' padding and an even kernel span");

    /// <summary>HYP3140.</summary>
    public static readonly DiagnosticDescriptor BlockEvenKernelDescriptor = Error("HYP3140", "Inverted residual block with an even kernel");

    /// <summary>HYP3160.</summary>
    public static readonly DiagnosticDescriptor SkipShapeMismatchDescriptor = Error("HYP3160", "Skip connection joins tensors of different sizes");

    /// <summary>HYP3161.</summary>
    public static readonly DiagnosticDescriptor TransposedConvolutionSizeDescriptor = Error("HYP3161", "Transposed convolution without a valid output size");

    /// <summary>HYP3170.</summary>
    public static readonly DiagnosticDescriptor SegmentationOutputDescriptor = Error("HYP3170", "Segmentation output is not a class map of the input's size");

    // ---- training and tuning ----

    /// <summary>HYP4001.</summary>
    public static readonly DiagnosticDescriptor MilestoneBeyondEpochsDescriptor = Error("HYP4001", "Schedule milestone after the last epoch");

    /// <summary>HYP4002.</summary>
    public static readonly DiagnosticDescriptor PrunerBeyondEpochsDescriptor = Error("HYP4002", "Pruner rung after the last epoch");

    /// <summary>HYP4003.</summary>
    public static readonly DiagnosticDescriptor UnknownMetricDescriptor = Error("HYP4003", "Metric the trainer does not report");

    /// <summary>HYP4004.</summary>
    public static readonly DiagnosticDescriptor GridNeedsFiniteSpaceDescriptor = Error("HYP4004", "Grid search over a continuous space");

    /// <summary>HYP4005.</summary>
    public static readonly DiagnosticDescriptor TryUnknownParameterDescriptor = Error("HYP4005", "Try point names an unknown parameter");

    /// <summary>HYP4006.</summary>
    public static readonly DiagnosticDescriptor TryOutsideSpaceDescriptor = Error("HYP4006", "Try point outside the space");

    /// <summary>HYP4007.</summary>
    public static readonly DiagnosticDescriptor NoBudgetDescriptor = Warning("HYP4007", "No trial budget");

    /// <summary>HYP4008.</summary>
    public static readonly DiagnosticDescriptor ScheduleExpectedDescriptor = Error("HYP4008", "'then' joins something that is not a schedule");

    /// <summary>HYP4009.</summary>
    public static readonly DiagnosticDescriptor ValidationSplitDescriptor = Error("HYP4009", "Validation share out of range");

    /// <summary>HYP4010.</summary>
    public static readonly DiagnosticDescriptor TrialsBeyondGridDescriptor = Warning("HYP4010", "More trials than grid points");

    /// <summary>HYP4011.</summary>
    public static readonly DiagnosticDescriptor DataPathDescriptor = Error("HYP4011", "Data path that names no file");

    /// <summary>HYP4012.</summary>
    public static readonly DiagnosticDescriptor InputContradictsSourceDescriptor = Error("HYP4012", "Input shape contradicts the data source");

    /// <summary>HYP4013.</summary>
    public static readonly DiagnosticDescriptor StorageOutsideSpecFolderDescriptor = Error("HYP4013", "Study storage outside the spec's folder");

    /// <summary>HYP4014.</summary>
    public static readonly DiagnosticDescriptor ImageNetNormalizationChannelsDescriptor = Error("HYP4014", "ImageNet normalisation on images without 3 channels");

    /// <summary>HYP4015.</summary>
    public static readonly DiagnosticDescriptor ClassesUnknownDescriptor = Error("HYP4015", "Class count unknown where the model's output varies");

    /// <summary>HYP4020.</summary>
    public static readonly DiagnosticDescriptor TransformRangeLengthDescriptor = Error("HYP4020", "Transform range without two values");

    /// <summary>HYP4030.</summary>
    public static readonly DiagnosticDescriptor EarlyStopOnceMeasuredDescriptor = Error("HYP4030", "Early stopping watches a metric measured once");

    /// <summary>HYP4031.</summary>
    public static readonly DiagnosticDescriptor FractionalScheduleCountDescriptor = Error("HYP4031", "Schedule length or milestone that is not a whole number of epochs or steps");

    /// <summary>HYP4040.</summary>
    public static readonly DiagnosticDescriptor ImageFolderWithoutClassesDescriptor = Error("HYP4040", "Image folder without class folders");

    /// <summary>HYP4041.</summary>
    public static readonly DiagnosticDescriptor ImageFolderTooLargeDescriptor = Error("HYP4041", "Image folder with too many entries or classes");

    /// <summary>HYP4050.</summary>
    public static readonly DiagnosticDescriptor MixingInEvaluateDescriptor = Error("HYP4050", "Label mixing in 'evaluate'");

    /// <summary>HYP4051.</summary>
    public static readonly DiagnosticDescriptor TransformAfterMixingDescriptor = Error("HYP4051", "Transform after mixup or cutmix");

    /// <summary>HYP4052.</summary>
    public static readonly DiagnosticDescriptor AugMixDepthZeroDescriptor = Error("HYP4052", "AugMix chains of no operations");

    /// <summary>HYP4060.</summary>
    public static readonly DiagnosticDescriptor NoPositiveWeightDescriptor = Error("HYP4060", "Weighted sum whose weights may all be 0");

    /// <summary>HYP4080.</summary>
    public static readonly DiagnosticDescriptor DeviceListInvalidDescriptor = Error("HYP4080", "Device setting that names no device, repeats one, or is not fixed");

    /// <summary>HYP4081.</summary>
    public static readonly DiagnosticDescriptor FewerParallelTrialsThanDevicesDescriptor = Error("HYP4081", "Fewer parallel trials than listed devices");

    /// <summary>HYP4082.</summary>
    public static readonly DiagnosticDescriptor HalfPrecisionOnCpuDescriptor = Error("HYP4082", "fp16 training on the CPU");

    /// <summary>HYP4090.</summary>
    public static readonly DiagnosticDescriptor ValidationMetricWithoutSplitDescriptor = Error("HYP4090", "Validation metric without a validation split");

    /// <summary>HYP4091.</summary>
    public static readonly DiagnosticDescriptor ValidationSplitLeavesSplitEmptyDescriptor = Error("HYP4091", "Validation share that leaves a split empty");

    /// <summary>HYP4092.</summary>
    public static readonly DiagnosticDescriptor SplitClassNotInTrainingDescriptor = Error("HYP4092", "Validation or test folder with a class the training folder lacks");

    /// <summary>HYP4093: a setting read once for the whole study (the budget, the sampler and pruner, the seeds, the storage) that uses a sampled parameter.</summary>
    public static readonly DiagnosticDescriptor StudySettingUsesParameterDescriptor = Error("HYP4093", "Study setting that depends on a parameter");

    /// <summary>HYP4100.</summary>
    public static readonly DiagnosticDescriptor SamplerNeedsOneObjectiveDescriptor = Error("HYP4100", "Single-objective sampler in a study with several objectives");

    /// <summary>HYP4101.</summary>
    public static readonly DiagnosticDescriptor SamplerHasNothingToModelDescriptor = Warning("HYP4101", "Sampler with no numeric parameter to model");

    /// <summary>HYP4105.</summary>
    public static readonly DiagnosticDescriptor TrialsWithinFirstGenerationDescriptor = Warning("HYP4105", "Too few trials for an evolved generation");

    /// <summary>HYP4110.</summary>
    public static readonly DiagnosticDescriptor TrialsWithinStartupDescriptor = Warning("HYP4110", "Too few trials to leave the random startup");

    /// <summary>HYP4111.</summary>
    public static readonly DiagnosticDescriptor TrialsTooManyForSamplerDescriptor = Warning("HYP4111", "More trials than the sampler handles quickly");

    /// <summary>HYP4112.</summary>
    public static readonly DiagnosticDescriptor PopulationParameterFixedDescriptor = Error("HYP4112", "Population-based training on a parameter that cannot change mid-training");

    // ---- names in generated C# (the HYP5xxx the checker gives, so 'hyp check' and 'hyp compile' agree) ----

    /// <summary>HYP5003.</summary>
    public static readonly DiagnosticDescriptor CSharpNameCollisionDescriptor = Error("HYP5003", "Two spec names become one C# name");

    /// <summary>HYP5004.</summary>
    public static readonly DiagnosticDescriptor ReservedCSharpNameDescriptor = Error("HYP5004", "Spec name becomes a C# name the generated type already has");

    /// <summary>HYP5005.</summary>
    public static readonly DiagnosticDescriptor GeneratedFileCollisionDescriptor = Error("HYP5005", "Two experiments generate the same C# file");

    /// <summary>HYP5006.</summary>
    public static readonly DiagnosticDescriptor BackboneNestedDescriptor = Error("HYP5006", "Backbone, freeze or replace inside a loop or residual");

    /// <summary>HYP5007.</summary>
    public static readonly DiagnosticDescriptor ReplacementNotLayerDescriptor = Error("HYP5007", "Replacement is not a single layer");

    // ---- constructs the checker accepts but the code generator does not translate yet (at their own span, not HYP5001 at the experiment) ----

    /// <summary>HYP5020.</summary>
    public static readonly DiagnosticDescriptor DataUsesParameterDescriptor = Error("HYP5020", "Data setting that depends on a parameter");

    /// <summary>HYP5021.</summary>
    public static readonly DiagnosticDescriptor PipelineStatementDescriptor = Error("HYP5021", "Statement other than a transform in a data pipeline");

    /// <summary>HYP5022.</summary>
    public static readonly DiagnosticDescriptor TaskNotSupportedDescriptor = Error("HYP5022", "Task not trained yet");

    /// <summary>HYP5030.</summary>
    public static readonly DiagnosticDescriptor TaskSourceMismatchDescriptor = Error("HYP5030", "Data source for another task");

    /// <summary>HYP5031.</summary>
    public static readonly DiagnosticDescriptor TaskMetricMismatchDescriptor = Error("HYP5031", "Metric of another task");

    /// <summary>HYP5032.</summary>
    public static readonly DiagnosticDescriptor TaskTransformMismatchDescriptor = Error("HYP5032", "Transform that cannot move segmentation masks");

    /// <summary>HYP5033.</summary>
    public static readonly DiagnosticDescriptor TaskLossMismatchDescriptor = Error("HYP5033", "Loss for another task");

    /// <summary>All HYP1xxx-HYP4xxx descriptors and the HYP5xxx the checker gives, in code order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
        [.. typeof(CompilerDiagnostics).GetFields()
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Code, StringComparer.Ordinal)];

    // Used only by the builders in the CompilerDiagnostics parts, so every message is written there.
    private static Diagnostic Create(DiagnosticDescriptor descriptor, SourceSpan span, string message, string? help = null) =>
        new(descriptor, span, message, help);
}
