using System.Diagnostics;
using HyperDsl.Compiler;
using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Emit;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Hosting;
using HyperDsl.Runtime;
using HyperDsl.Runtime.Models;
using HyperDsl.Runtime.Studies;
using static TorchSharp.torch;
using SyntaxTree = HyperDsl.Syntax.SyntaxTree;

namespace HyperDsl.Differential;

/// <summary>
/// The promise "checks clean, so trains what was checked", tested on generated specs. For each
/// spec: <c>check</c> clean (else it is skipped and counted) ⇒ C# generated ⇒ compiled by
/// Roslyn (a batch of specs in one compilation) ⇒ at several points of the space the runtime
/// samples the point, builds the model, and runs one forward and backward pass on a synthetic
/// batch of the input shape ⇒ its trainable parameters, FLOPs, input and output shapes equal
/// the checker's (<see cref="ShapeChecker.StatisticsAt"/>). Anything else is a disagreement.
/// </summary>
public sealed class DifferentialRun(IReadOnlySet<Construct> allowed, int pointsPerSpec = 3, int batchSize = 50)
{
    // Points of one spec that are looked at before some are picked (a loop over 3 depths times choices stays far below).
    private const int EnumeratedPoints = 512;

    /// <summary>Where a segmentation spec finds its images and masks, relative to the folder the run writes them to.</summary>
    public const string SegmentationImages = "shapes/images";

    /// <summary>See <see cref="SegmentationImages"/>.</summary>
    public const string SegmentationMasks = "shapes/masks";

    /// <summary>The mask value of the pixels no loss or metric counts in the run's set (the rim of each disc).</summary>
    public const int SegmentationIgnoreIndex = TestKit.SegmentationShapes.IgnoreIndex;

    // The run's segmentation set: eight 16x16 image and mask pairs (classes 0 to 2 and the ignore index), written once per run.
    private const int SegmentationCount = 8;
    private const int SegmentationSide = 16;

    // The folder the data sections' relative paths are taken from (the segmentation set's) while a run is on.
    private string? _dataFolder;

    /// <summary>Generates <paramref name="count"/> specs from <paramref name="seed"/> and tests each.</summary>
    public DifferentialReport Run(int seed, int count, TextWriter? progress = null)
    {
        var generator = new SpecGenerator(allowed);
        return OnOneThread(report =>
        {
            for (var start = 0; start < count; start += batchSize)
            {
                var batch = Enumerable.Range(start, Math.Min(batchSize, count - start))
                    .Select(i => generator.Generate(SpecGenerator.SpecSeed(seed, i)))
                    .ToList();
                RunBatch(batch, report);
                progress?.WriteLine($"{start + batch.Count}/{count}: {report.Clean} clean, {report.Points} points, {report.Disagreements.Count} disagreements");
            }
        });
    }

    /// <summary>Tests given specs (a failing spec kept as a case, or one seed written again).</summary>
    public DifferentialReport Run(IReadOnlyList<GeneratedSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        return OnOneThread(report =>
        {
            for (var start = 0; start < specs.Count; start += batchSize)
            {
                RunBatch([.. specs.Skip(start).Take(batchSize)], report);
            }
        });
    }

    // The models are tiny: LibTorch's intra-op threads only contend (100 specs took 3x longer on
    // 2 threads than on 1 on a 2-core machine), so the run uses one and restores the count after.
    private DifferentialReport OnOneThread(Action<DifferentialReport> run)
    {
        TorchRuntime.EnsureInitialized();
        var threads = get_num_threads();
        set_num_threads(1);
        _dataFolder = Directory.CreateTempSubdirectory("hyp-differential-").FullName;
        try
        {
            TestKit.SegmentationShapes.Write(Path.Combine(_dataFolder, "shapes"), SegmentationCount, SegmentationSide, seed: 1);
            var report = new DifferentialReport();
            run(report);
            return report;
        }
        finally
        {
            set_num_threads(threads);
            Directory.Delete(_dataFolder, recursive: true);
            _dataFolder = null;
        }
    }

    private void RunBatch(List<GeneratedSpec> batch, DifferentialReport report)
    {
        var clock = Stopwatch.StartNew();
        var generated = new List<(GeneratedSpec Spec, CheckedExperiment Experiment, GeneratedSource Source)>();
        foreach (var spec in batch)
        {
            report.Generated++;
            var compilation = HypCompilation.Create([SyntaxTree.Parse(spec.Text, spec.Name + ".hyp")]);
            if (spec.MustReject is { } code)
            {
                if (compilation.Diagnostics.Any(d => d.IsError && d.Code == code))
                {
                    report.RejectedAsExpected++;
                    continue;
                }

                if (!compilation.HasErrors)
                {
                    report.Disagreements.Add(new Disagreement(spec, "", $"checks clean, but it was written not to train: the checker must refuse it with {code}"));
                    continue;
                }
            }

            if (compilation.Diagnostics.FirstOrDefault(d => d.IsError) is { } error)
            {
                report.SkippedBy[error.Code] = report.SkippedBy.GetValueOrDefault(error.Code) + 1;
                report.SkippedExample.TryAdd(error.Code, $"seed {spec.Seed}, {error.Span}: {error.Message}");
                continue;
            }

            report.Clean++;
            if (spec.Constructs.Contains(Construct.Segmentation))
            {
                report.Segmentation++;
            }
            var (sources, diagnostics) = HypCompilationEmitter.Emit(compilation);
            if (diagnostics.FirstOrDefault(d => d.IsError) is { } refused || sources.Length != 1)
            {
                var why = diagnostics.FirstOrDefault(d => d.IsError) is { } d ? $"{d.Code}: {d.Message}" : $"{sources.Length} files generated";
                report.Disagreements.Add(new Disagreement(spec, "", $"checks clean, but generation refuses it ({why})"));
                continue;
            }

            generated.Add((spec, compilation.Experiments.Single(), sources[0]));
        }

        report.Checking += clock.Elapsed;
        clock.Restart();
        var loaded = Compile(generated, report);
        report.Compiling += clock.Elapsed;
        clock.Restart();
        try
        {
            foreach (var (spec, experiment, _) in generated)
            {
                if (loaded.Definitions.TryGetValue(spec.Name, out var definition))
                {
                    Compare(spec, experiment, definition, report);
                }
            }
        }
        finally
        {
            foreach (var assembly in loaded.Assemblies)
            {
                assembly.Dispose();
            }
        }

        report.Running += clock.Elapsed;
    }

    // One Roslyn compilation for the batch; where that fails, each spec alone, to name the one at fault.
    private static (List<LoadedExperiments> Assemblies, Dictionary<string, IExperimentDefinition> Definitions) Compile(
        List<(GeneratedSpec Spec, CheckedExperiment Experiment, GeneratedSource Source)> generated, DifferentialReport report)
    {
        var compiler = new ExperimentAssemblyCompiler(cacheDirectory: null);
        var assemblies = new List<LoadedExperiments>();
        if (generated.Count == 0)
        {
            return (assemblies, []);
        }

        try
        {
            assemblies.Add(compiler.Load([.. generated.Select(g => g.Source)]));
        }
        catch (GeneratedCodeException)
        {
            foreach (var (spec, _, source) in generated)
            {
                try
                {
                    assemblies.Add(compiler.Load([source]));
                }
                catch (GeneratedCodeException error)
                {
                    report.Disagreements.Add(new Disagreement(spec, "", $"checks clean, but the generated C# does not compile: {error.Message}"));
                }
            }
        }

        var definitions = assemblies.SelectMany(a => a.Definitions()).ToDictionary(d => d.Name, StringComparer.Ordinal);
        return (assemblies, definitions);
    }

    private void Compare(GeneratedSpec spec, CheckedExperiment experiment, IExperimentDefinition definition, DifferentialReport report)
    {
        var bound = experiment.Bound!;
        var shapes = new ShapeChecker(bound.Experiment, bound.Model, []);
        var points = new SpaceEnumerator(bound.Model).Enumerate(shapes.RelevantParameters).Points.Take(EnumeratedPoints).ToList();
        var step = Math.Max(1, points.Count / pointsPerSpec);
        var trains = spec.Constructs.Contains(Construct.TrainingSettings);
        foreach (var point in points.Where((_, i) => i % step == 0).Take(pointsPerSpec))
        {
            report.Points++;
            var described = SpaceEnumerator.Describe(point);
            var statistics = shapes.StatisticsAt(point);
            if (statistics is null)
            {
                report.Disagreements.Add(new Disagreement(spec, described, "checks clean, but the checker has no model at this point"));
                continue;
            }

            var train = trains;
            trains = false;
            var (problems, trained) = Run(spec, definition, statistics, point, train, report);
            if (trained)
            {
                report.Trained++;
            }

            if (problems.Count == 1 && ScalarRace(problems[0]))
            {
                // TorchSharp 0.107's Scalar finalizer race (issue 20), not a disagreement of the
                // checker and the runtime; the point counts only if it fails again. The runtime's own
                // code and optimizers hold their Scalars now (ImplicitScalarTests), but TorchSharp's
                // modules still make unheld ones inside forward, which HyperDsl cannot reach:
                // BatchNorm (num_batches_tracked.add_(1), every batch norm in training) and Mish
                // (softplus's beta and threshold), so the retry stays.
                (problems, _) = Run(spec, definition, statistics, point, train, report);
                if (problems.Count == 0)
                {
                    report.ScalarRacesRetried.Add($"seed {spec.Seed} at {described}");
                }
            }

            if (problems.Count > 0)
            {
                report.Disagreements.Add(new Disagreement(spec, described, string.Join("; ", problems)));
            }
        }
    }

    // The point's differences, and (once per spec, the whole of it: its train section, as the
    // trainer runs a trial) its training when the model agrees; whether it got to training.
    private (List<string> Problems, bool Trained) Run(GeneratedSpec spec, IExperimentDefinition definition, ModelStatistics statistics, Dictionary<Compiler.Binding.ParameterSymbol, Value> point, bool train, DifferentialReport report)
    {
        var problems = new List<string>();
        var trained = false;
        try
        {
            problems.AddRange(Differences(statistics, definition, point));
            if (train && problems.Count == 0)
            {
                trained = true;
                problems.AddRange(Training(spec, definition, point, report));
            }
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            problems.Add($"the runtime failed: {error.GetType().Name}: {error.Message}");
        }

        return (problems, trained);
    }

    // What LibTorch says when a Scalar it reads was freed under it: a garbage scalar type, or a
    // failed conversion of a Scalar to a number.
    private static bool ScalarRace(string problem) =>
        problem.StartsWith("the runtime failed: ExternalException:", StringComparison.Ordinal)
        && (problem.Contains("Unknown scalar type", StringComparison.Ordinal)
            || (problem.Contains("Scalar.h", StringComparison.Ordinal) && problem.Contains("toFloat", StringComparison.Ordinal))
            || (problem.Contains("Scalar.h", StringComparison.Ordinal) && problem.Contains("toDouble", StringComparison.Ordinal)));

    private List<string> Differences(ModelStatistics statistics, IExperimentDefinition definition, Dictionary<Compiler.Binding.ParameterSymbol, Value> point)
    {
        var problems = new List<string>();
        var sampled = definition.Sample(new PointSuggestions(point.ToDictionary(p => p.Key.Name, p => p.Value, StringComparer.Ordinal)));
        using var model = definition.BuildModel(sampled);
        var input = definition.InputShapeAt(sampled);
        if (Dimensions(statistics.Input) is var checkedInput && !checkedInput.SequenceEqual(input))
        {
            problems.Add($"input: the checker has [{string.Join(", ", checkedInput)}], the runtime [{string.Join(", ", input)}]");
        }

        var trainable = ModelParameters.CountTrainable(model);
        if (trainable != statistics.TrainableParameters)
        {
            problems.Add($"trainable parameters: the checker counts {statistics.TrainableParameters}, the runtime {trainable}");
        }

        var flops = ModelFlops.Count(model, input);
        if (flops != statistics.Flops)
        {
            problems.Add($"FLOPs: the checker counts {statistics.Flops}, the runtime {flops}");
        }

        // One training step's worth of work on a batch that came through the data pipeline the
        // spec names (the point's resize, then the training transforms): forward in training
        // mode, a loss, backward. The evaluation transforms must give the same input shape.
        using var scope = NewDisposeScope();
        var (batch, masks) = PipelineBatches(definition, sampled, problems, Dimensions(statistics.Input));
        model.train();
        var output = model.forward(batch);
        long[] expected = [2, .. Dimensions(statistics.Output)];
        if (!output.shape.SequenceEqual(expected))
        {
            problems.Add($"output: the checker has [{string.Join(", ", expected)}], the runtime [{string.Join(", ", output.shape)}]");
        }

        // Under segmentation the output is a score per class at every pixel of the input, whatever
        // the checker says: the masks' classes and the batch's height and width.
        if (masks is not null)
        {
            long[] perPixel = [2, masks.Classes, .. batch.shape[2..]];
            if (!output.shape.SequenceEqual(perPixel))
            {
                problems.Add($"output: segmentation needs a score per class at every pixel, [{string.Join(", ", perPixel)}], the runtime gives [{string.Join(", ", output.shape)}]");
                return problems;
            }
        }

        var loss = masks is not null
            ? definition.Training(sampled).Loss.ComputePerPixel(output, masks.Masks, masks.IgnoreIndex)
            : output.dim() == 2
                ? nn.functional.cross_entropy(output, zeros([2], ScalarType.Int64))
                : output.square().mean();
        loss.backward();
        return problems;
    }

    // The spec's training at the point, for all its epochs, on its (synthetic) data: the loss,
    // optimizer and schedule the checker accepted must build and train without a failure.
    private List<string> Training(GeneratedSpec spec, IExperimentDefinition definition, Dictionary<Compiler.Binding.ParameterSymbol, Value> point, DifferentialReport report)
    {
        var sampled = definition.Sample(new PointSuggestions(point.ToDictionary(p => p.Key.Name, p => p.Value, StringComparer.Ordinal)));
        using var data = definition.LoadData(seed: 0, baseDirectory: _dataFolder);
        using var resized = definition.ImageSizeAt(sampled) is { } size ? data.ResizedCopy(size.Height, size.Width) : null;
        var options = definition.Training(sampled);

        // Built after the trainer seeds, as a trial is, so a run repeats (LibTorch's unseeded generator differs per process).
        var result = new Runtime.Training.Trainer(options).Fit(() => definition.BuildModel(sampled), resized ?? data);

        // A loss that became NaN is how a trial at an unstable point ends, reported as such (a
        // failed trial with the step and the rate), not a promise broken: counted, not a disagreement.
        if (result.Outcome == Runtime.Training.TrainingOutcome.Failed && result.Failure is { } failure && failure.StartsWith("The training loss became", StringComparison.Ordinal))
        {
            report.Diverged++;
            report.DivergedExample ??= $"{options.Loss}, {options.Optimizer}, {options.Schedule}: {failure}";
            report.DivergedSpecs.Add(spec.Seed);
            return [];
        }

        // The study plan: its epochs are the most any trial trains (the pruners' budget), and building it must not throw; early_stop may end a trial before them.
        var plan = definition.Plan;
        if (plan.Epochs < options.Epochs)
        {
            return [$"the study plan's {plan.Epochs} epochs are fewer than this trial's {options.Epochs}"];
        }

        return result.Outcome == Runtime.Training.TrainingOutcome.Failed
            ? [$"training failed ({options.Loss}, {options.Optimizer}, {options.Schedule}): {result.Failure}"]
            : result.Epochs.Count != options.Epochs && result.Outcome != Runtime.Training.TrainingOutcome.StoppedEarly
                ? [$"training stopped after {result.Epochs.Count} of {options.Epochs} epochs ({result.Outcome})"]
                : [];
    }

    // Two training images as the trainer sees them, and a check that the evaluation transforms give
    // validation and test images the same shape; a batch of the checked shape when the data has
    // no images (it always has: the generated specs use a synthetic source). Masks go through the
    // same transforms as their images, and must keep the images' height and width.
    private (Tensor Images, PixelLabels? Masks) PipelineBatches(IExperimentDefinition definition, object point, List<string> problems, IReadOnlyList<long> input)
    {
        using var data = definition.LoadData(seed: 0, baseDirectory: _dataFolder);
        using var resized = definition.ImageSizeAt(point) is { } size ? data.ResizedCopy(size.Height, size.Width) : null;
        var train = (resized ?? data).Train;
        var images = train.Images.narrow(0, 0, 2);
        var options = definition.Training(point);
        using var generator = new Generator(7, CPU);
        Tensor training, evaluation;
        Tensor? masks = null;
        if (train.HasMasks)
        {
            var labels = train.Labels.narrow(0, 0, 2);
            (training, masks) = options.Augmentation switch
            {
                null => (images, labels),
                Runtime.Augmentation.IMaskAugmentation joint => joint.Apply(images, labels, train.IgnoreIndex, generator),
                var other => throw new InvalidOperationException($"the augmentation {other.GetType().Name} cannot move masks, but the spec checked clean under 'task segmentation'"),
            };
            (training, masks) = options.Mixing switch
            {
                null => (training, masks),
                Runtime.Augmentation.IMaskMixing joint => joint.MixMasks(training, masks, generator),
                var other => throw new InvalidOperationException($"the mixing {other.GetType().Name} cannot mix masks, but the spec checked clean under 'task segmentation'"),
            };
            (evaluation, var evaluated) = options.EvaluationTransform switch
            {
                null => (images, labels),
                Runtime.Augmentation.IMaskTransform joint => joint.Apply(images, labels, train.IgnoreIndex),
                var other => throw new InvalidOperationException($"the evaluation transform {other.GetType().Name} cannot move masks, but the spec checked clean under 'task segmentation'"),
            };
            foreach (var (what, batch, moved) in new[] { ("training", training, masks), ("evaluation", evaluation, evaluated) })
            {
                if (!moved.shape.SequenceEqual([2, .. batch.shape[2..]]))
                {
                    problems.Add($"{what} masks: [{string.Join(", ", moved.shape)}] for images [{string.Join(", ", batch.shape)}]");
                }
            }
        }
        else
        {
            training = options.Augmentation?.Apply(images, generator) ?? images;
            evaluation = options.EvaluationTransform?.Apply(images) ?? images;
        }

        foreach (var (what, batch) in new[] { ("training", training), ("evaluation", evaluation) })
        {
            if (!batch.shape[1..].SequenceEqual(input))
            {
                problems.Add($"{what} images: the checker has [{string.Join(", ", input)}], the data pipeline gives [{string.Join(", ", batch.shape[1..])}]");
            }
        }

        var fits = training.shape[1..].SequenceEqual(input);
        var labelled = masks is not null && fits && masks.shape.SequenceEqual([2, .. input.Skip(1)])
            ? new PixelLabels(masks.detach().clone(), train.ClassCount, train.IgnoreIndex)
            : null;
        return (fits ? training.detach().clone() : randn([2, .. input]), labelled);
    }

    // A batch's masks (B x H x W classes), the data's class count and the value no loss counts.
    private sealed record PixelLabels(Tensor Masks, long Classes, long IgnoreIndex);

    private static long[] Dimensions(TensorShape shape) => shape switch
    {
        MapShape map => [map.Channels, map.Height, map.Width],
        FeatureShape features => [features.Features],
        _ => [],
    };
}
