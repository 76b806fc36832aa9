using HyperDsl.Runtime.Augmentation;
using HyperDsl.Runtime.Data;
using HyperDsl.Runtime.Models;
using HyperDsl.Runtime.Training;
using HyperDsl.Runtime.Training.Checkpoints;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Training;

public sealed class TrainerCheckpointTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-ckpt-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string CheckpointPath => Path.Combine(_folder, "run.ckpt");

    private static DataSplits SmallData()
    {
        var all = SyntheticData.Create(80, [1, 12, 12], classes: 4, seed: 3);
        return new DataSplits(all).WithValidationFraction(0.25, 3);
    }

    // Dropout draws from LibTorch's global generator, the augmentation from the run's own, the shuffling from another.
    private static nn.Module<Tensor, Tensor> SmallCnn(int width = 6) => new ModelBuilder(1, 12, 12)
        .Conv(width, 3, padding: ConvPadding.Same).BatchNorm().Relu().MaxPool(2)
        .Flatten().Dropout(0.3).Linear(12).Relu().Linear(4, name: "head")
        .Build();

    private static TrainingOptions Options(Schedule schedule) => new()
    {
        Epochs = 5,
        BatchSize = 16,
        Seed = 11,
        Optimizer = OptimizerSpec.Sgd(lr: 0.05, momentum: 0.9),
        Schedule = schedule,
        Normalization = Normalization.Auto,
        Augmentation = Augment.Pipeline(Augment.HorizontalFlip(), Augment.RandomCrop(12, padding: 2)),
        EarlyStopping = new EarlyStopping(Metric.ValLoss, Patience: 10, MinDelta: 0),
    };

    public static TheoryData<string> Schedules => ["cosine", "plateau"];

    private static Schedule ScheduleNamed(string name) => name == "plateau" ? Schedule.Plateau(patience: 0, factor: 0.5) : Schedule.Warmup(TrainingLength.Epochs(1)).Then(Schedule.Cosine());

    [Theory]
    [MemberData(nameof(Schedules))]
    public void A_run_paused_after_epoch_2_and_resumed_reports_every_later_figure_bit_for_bit(string scheduleName)
    {
        using var data = SmallData();
        var options = Options(ScheduleNamed(scheduleName));

        var whole = new Trainer(options).Fit(() => SmallCnn(), data);
        var paused = new Trainer(options with
        {
            Checkpoint = new CheckpointOptions { Path = CheckpointPath, Every = 0, Owner = "trial 1" },
            OnEpoch = m => m.Epoch == 2 ? EpochDecision.Pause : EpochDecision.Continue,
        }).Fit(() => SmallCnn(), data);

        // Something else uses LibTorch's global generator meanwhile, as another trial of the process would.
        using (var noise = rand(1000))
        {
        }

        var checkpoint = CheckpointFile.Read(CheckpointPath);
        var resumedEpochs = new List<int>();
        var resumed = new Trainer(options with
        {
            Seed = 999,
            Checkpoint = new CheckpointOptions { Path = CheckpointPath, Every = 0, Owner = "trial 1", ResumeFrom = checkpoint },
            OnEpoch = m => { resumedEpochs.Add(m.Epoch); return EpochDecision.Continue; },
        }).Fit(() => SmallCnn(), data);

        Assert.Equal(TrainingOutcome.Paused, paused.Outcome);
        Assert.Equal(2, checkpoint.Epoch);
        Assert.Equal([3, 4, 5], resumedEpochs);
        Assert.Equal(TrainingOutcome.Completed, resumed.Outcome);
        Assert.Equal(Figures(whole.Epochs), Figures(resumed.Epochs));
        Assert.Equal(Figures(whole.Epochs.Take(2)), Figures(paused.Epochs));

        // The learning rate moved (the schedule matters) and so did the loss (the generators matter).
        Assert.True(whole.Epochs.Select(e => e.LearningRate).Distinct().Count() > 1);
    }

    [Fact]
    public void A_run_resumed_from_a_checkpoint_written_mid_epoch_finishes_that_epoch_bit_for_bit()
    {
        using var data = SmallData();
        var options = Options(Schedule.Plateau(patience: 0, factor: 0.5));
        var midEpoch = Path.Combine(_folder, "mid.ckpt");

        // A zero interval writes after every step; the one after step 2 of epoch 3 is kept aside. The run itself is the reference.
        var whole = new Trainer(options with
        {
            Checkpoint = new CheckpointOptions
            {
                Path = CheckpointPath,
                Every = 0,
                Interval = TimeSpan.Zero,
                Owner = "trial 1",
                Written = p =>
                {
                    if (p == new CheckpointPosition(2, 2))
                    {
                        File.Copy(CheckpointPath, midEpoch);
                    }
                },
            },
        }).Fit(() => SmallCnn(), data);

        var checkpoint = CheckpointFile.Read(midEpoch);
        var resumedEpochs = new List<int>();
        var resumed = new Trainer(options with
        {
            Checkpoint = new CheckpointOptions { Path = CheckpointPath, Every = 0, Owner = "trial 1", ResumeFrom = checkpoint },
            OnEpoch = m => { resumedEpochs.Add(m.Epoch); return EpochDecision.Continue; },
        }).Fit(() => SmallCnn(), data);

        Assert.Equal(new CheckpointPosition(2, 2), checkpoint.Position);
        Assert.Equal([3, 4, 5], resumedEpochs);
        Assert.Equal(Figures(whole.Epochs), Figures(resumed.Epochs));
    }

    [Fact]
    public void Checkpoints_are_written_every_n_epochs_and_name_their_epoch()
    {
        using var data = SmallData();
        var written = new List<int>();

        new Trainer(Options(Schedule.Constant) with
        {
            Epochs = 4,
            Checkpoint = new CheckpointOptions { Path = CheckpointPath, Every = 2, Owner = "o", Written = p => written.Add(p.Epoch) },
        }).Fit(() => SmallCnn(), data);

        Assert.Equal([2, 4], written);
        Assert.Equal(4, CheckpointFile.Read(CheckpointPath).Epoch);
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void A_truncated_or_altered_or_foreign_file_is_refused_with_a_reason()
    {
        using var data = SmallData();
        new Trainer(Options(Schedule.Constant) with { Epochs = 1, Checkpoint = new CheckpointOptions { Path = CheckpointPath, Owner = "o" } }).Fit(() => SmallCnn(), data);
        var bytes = File.ReadAllBytes(CheckpointPath);

        var truncated = Path.Combine(_folder, "truncated.ckpt");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var altered = Path.Combine(_folder, "altered.ckpt");
        var flipped = (byte[])bytes.Clone();
        flipped[bytes.Length / 3] ^= 0x40;
        File.WriteAllBytes(altered, flipped);
        var foreign = Path.Combine(_folder, "foreign.ckpt");
        File.WriteAllText(foreign, "not a checkpoint");
        var newer = Path.Combine(_folder, "newer.ckpt");
        var future = (byte[])bytes.Clone();
        future[8] = 99;
        File.WriteAllBytes(newer, future);
        var older = Path.Combine(_folder, "older.ckpt");
        var past = (byte[])bytes.Clone();
        past[8] = 1;
        File.WriteAllBytes(older, past);

        Assert.Contains("damaged", Assert.Throws<CheckpointException>(() => CheckpointFile.Read(truncated)).Message, StringComparison.Ordinal);
        Assert.Contains("damaged", Assert.Throws<CheckpointException>(() => CheckpointFile.Read(altered)).Message, StringComparison.Ordinal);
        Assert.Contains("not a HyperDsl checkpoint", Assert.Throws<CheckpointException>(() => CheckpointFile.Read(foreign)).Message, StringComparison.Ordinal);
        Assert.Contains("format version 99", Assert.Throws<CheckpointException>(() => CheckpointFile.Read(newer)).Message, StringComparison.Ordinal);

        // Version 1 held TorchSharp's optimizer state, which HyperDsl's own optimizers do not read (issue 20).
        Assert.Contains("has format version 1; this HyperDsl reads version 2", Assert.Throws<CheckpointException>(() => CheckpointFile.Read(older)).Message, StringComparison.Ordinal);
        Assert.Contains("cannot be read", Assert.Throws<CheckpointException>(() => CheckpointFile.Read(Path.Combine(_folder, "missing.ckpt"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_a_valid_checksum_but_cut_or_changed_contents_is_refused_or_read_never_anything_else()
    {
        using var data = SmallData();
        new Trainer(Options(Schedule.Constant) with { Epochs = 1, Checkpoint = new CheckpointOptions { Path = CheckpointPath, Owner = "o" } }).Fit(() => SmallCnn(), data);
        var body = File.ReadAllBytes(CheckpointPath)[..^32];
        var crafted = Path.Combine(_folder, "crafted.ckpt");

        // Someone who rewrites the checksum gets past it: every count, size and type inside is still checked.
        var positions = Enumerable.Range(12, Math.Min(600, body.Length - 12)).Concat(Enumerable.Range(0, body.Length / 97).Select(i => i * 97)).Where(p => p >= 12).Distinct();
        foreach (var position in positions)
        {
            File.WriteAllBytes(crafted, [.. body[..position], .. System.Security.Cryptography.SHA256.HashData(body[..position])]);
            Assert.Throws<CheckpointException>(() => CheckpointFile.Read(crafted));

            var changed = (byte[])body.Clone();
            changed[position] ^= 0xA5;
            File.WriteAllBytes(crafted, [.. changed, .. System.Security.Cryptography.SHA256.HashData(changed)]);
            try
            {
                CheckpointFile.Read(crafted);
            }
            catch (CheckpointException)
            {
            }
        }
    }

    [Fact]
    public void A_checkpoint_of_another_model_or_owner_is_refused_before_training()
    {
        using var data = SmallData();
        new Trainer(Options(Schedule.Constant) with { Epochs = 3, Checkpoint = new CheckpointOptions { Path = CheckpointPath, Every = 0, Owner = "o" }, OnEpoch = _ => EpochDecision.Pause }).Fit(() => SmallCnn(), data);
        var checkpoint = CheckpointFile.Read(CheckpointPath);
        var epochs = 0;

        TrainingResult Resume(string owner, int width) => new Trainer(Options(Schedule.Constant) with
        {
            Epochs = 3,
            Checkpoint = new CheckpointOptions { Path = Path.Combine(_folder, "other.ckpt"), Owner = owner, ResumeFrom = checkpoint },
            OnEpoch = _ => { epochs++; return EpochDecision.Continue; },
        }).Fit(() => SmallCnn(width), data);

        Assert.Contains("its model tensor", Assert.Throws<CheckpointException>(() => Resume("o", width: 5)).Message, StringComparison.Ordinal);
        Assert.Contains("belongs to 'o'", Assert.Throws<CheckpointException>(() => Resume("p", width: 6)).Message, StringComparison.Ordinal);
        Assert.Contains("run of 3 epochs, not 4", Assert.Throws<CheckpointException>(() => new Trainer(Options(Schedule.Constant) with
        {
            Epochs = 4,
            Checkpoint = new CheckpointOptions { Path = CheckpointPath, Owner = "o", ResumeFrom = checkpoint },
        }).Fit(() => SmallCnn(), data)).Message, StringComparison.Ordinal);
        Assert.Equal(0, epochs);
    }

    // Every figure an epoch reports, as bits (timings aside), so that equality is exact and NaN equals NaN.
    private static List<string> Figures(IEnumerable<EpochMetrics> epochs) =>
        [.. epochs.Select(e => string.Join(' ', new double?[] { e.Epoch, e.TrainLoss, e.ValLoss, e.ValAccuracy, e.LearningRate, e.ValTop5, e.ValAuc, e.ValMiou, e.ValPixelAccuracy }
            .Select(v => v is { } d ? BitConverter.DoubleToInt64Bits(d).ToString("x16", System.Globalization.CultureInfo.InvariantCulture) : "-")))];
}
