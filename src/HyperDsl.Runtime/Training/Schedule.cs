using System.Globalization;

namespace HyperDsl.Runtime.Training;

/// <summary>
/// A learning-rate schedule of the language. Step, multistep, exponential and plateau change
/// the rate only at epoch boundaries (their arguments count epochs); cosine, one-cycle, cyclic,
/// cosine restarts, polynomial and warmup change it every optimizer step. <c>a.Then(b)</c> runs <c>a</c> for its length and
/// then <c>b</c> over the rest of training; a warmup rises linearly to the rate its successor
/// starts at, so the composition is continuous.
/// </summary>
public abstract record Schedule
{
    private protected Schedule()
    {
    }

    /// <summary>The optimizer's rate throughout.</summary>
    public static Schedule Constant { get; } = new ConstantSchedule();

    /// <summary>
    /// Multiplies the rate by <paramref name="gamma"/> after every <paramref name="every"/> (<c>step(every:, gamma:)</c>):
    /// with <c>every: 2 epochs</c> the third epoch is the first at the lower rate, as with PyTorch's StepLR.
    /// </summary>
    public static Schedule Step(TrainingLength every, double gamma = 0.1) => new StepSchedule(every, Positive(gamma, nameof(gamma)));

    /// <summary>
    /// Multiplies the rate by <paramref name="gamma"/> once each number of completed epochs in
    /// <paramref name="epochs"/> is reached (<c>multistep(at:, gamma:)</c>), as PyTorch's MultiStepLR
    /// milestones: <c>at: [2]</c> lowers the rate from the third epoch on.
    /// </summary>
    public static Schedule MultiStep(IReadOnlyList<int> epochs, double gamma = 0.1)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        if (epochs.Count == 0 || epochs.Any(e => e < 1) || epochs.Zip(epochs.Skip(1)).Any(p => p.First >= p.Second))
        {
            throw new ArgumentException("multistep needs increasing epoch numbers from 1.", nameof(epochs));
        }

        return new MultiStepSchedule([.. epochs], Positive(gamma, nameof(gamma)));
    }

    /// <summary>Multiplies the rate by <paramref name="gamma"/> every epoch (<c>exponential(gamma:)</c>).</summary>
    public static Schedule Exponential(double gamma) => new ExponentialSchedule(Positive(gamma, nameof(gamma)));

    /// <summary>Half a cosine from the optimizer's rate down to <paramref name="minLearningRate"/> over the rest of training (<c>cosine(min_lr:)</c>).</summary>
    public static Schedule Cosine(double minLearningRate = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minLearningRate);
        return new CosineSchedule(minLearningRate);
    }

    /// <summary>
    /// The one-cycle policy (<c>onecycle(max_lr:)</c>), as PyTorch's OneCycleLR: from
    /// max/<paramref name="divFactor"/> up to <paramref name="maxLearningRate"/> over the first
    /// <paramref name="riseFraction"/> of the steps, then down to start/<paramref name="finalDivFactor"/>, both along cosines.
    /// </summary>
    public static Schedule OneCycle(double maxLearningRate, double riseFraction = 0.3, double divFactor = 25, double finalDivFactor = 1e4)
    {
        if (riseFraction is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(riseFraction), riseFraction, "The rising part must be a fraction between 0 and 1.");
        }

        return new OneCycleSchedule(Positive(maxLearningRate, nameof(maxLearningRate)), riseFraction, Positive(divFactor, nameof(divFactor)), Positive(finalDivFactor, nameof(finalDivFactor)));
    }

    /// <summary>
    /// A cyclical rate (<c>cyclic(base_lr:, max_lr:, step:, mode:, gamma:)</c>), as PyTorch's CyclicLR
    /// stepped every batch with equal rising and falling halves: the rate climbs linearly from
    /// <paramref name="baseLearningRate"/> to <paramref name="maxLearningRate"/> over <paramref name="stepSize"/>
    /// (steps, or epochs counted in steps), falls back over as long again, and repeats until the end of
    /// training. The cycle's height is scaled by <paramref name="mode"/>: not at all (<see cref="CyclicMode.Triangular"/>),
    /// halved each cycle (<see cref="CyclicMode.Triangular2"/>), or by <paramref name="gamma"/> to the power of
    /// the step number (<see cref="CyclicMode.ExpRange"/>). Like PyTorch, it replaces the optimizer's rate with
    /// <paramref name="baseLearningRate"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate is not positive, the maximum is below the base, or <paramref name="gamma"/> is not in (0, 1].</exception>
    public static Schedule Cyclic(double baseLearningRate, double maxLearningRate, TrainingLength stepSize, CyclicMode mode = CyclicMode.Triangular, double gamma = 1.0)
    {
        Positive(baseLearningRate, nameof(baseLearningRate));
        if (!(maxLearningRate >= baseLearningRate) || !double.IsFinite(maxLearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(maxLearningRate), maxLearningRate, "The cycle's maximum rate must be at least its base rate.");
        }

        if (gamma is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "The cycle's gamma must be in (0, 1].");
        }

        return Enum.IsDefined(mode)
            ? new CyclicSchedule(baseLearningRate, maxLearningRate, stepSize, mode, gamma)
            : throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown cyclic mode.");
    }

    /// <summary>
    /// Cosine annealing with warm restarts (<c>cosine_restarts(period:, mult:, min_lr:)</c>), as PyTorch's
    /// CosineAnnealingWarmRestarts stepped every batch (<c>scheduler.step(epoch + i / iters)</c>, or
    /// <c>step()</c> each batch when the period counts steps): half a cosine from the optimizer's rate down
    /// to <paramref name="minLearningRate"/> over <paramref name="period"/>, then back to the optimizer's rate
    /// and again over a period <paramref name="mult"/> times as long, until the end of training.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mult"/> is below 1 or <paramref name="minLearningRate"/> is negative.</exception>
    public static Schedule CosineRestarts(TrainingLength period, int mult = 1, double minLearningRate = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mult, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(minLearningRate);
        return new CosineRestartsSchedule(period, mult, minLearningRate);
    }

    /// <summary>
    /// Polynomial decay (<c>polynomial(power:, end_lr:)</c>) over the rest of training, changing every
    /// optimizer step: step s of T uses end + (rate - end) * (1 - s / T)^<paramref name="power"/>. With
    /// <paramref name="endLearningRate"/> 0 (the default) this is PyTorch's PolynomialLR with
    /// <c>total_iters</c> the schedule's steps, stepped every batch.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="power"/> is not positive or <paramref name="endLearningRate"/> is negative.</exception>
    public static Schedule Polynomial(double power = 1.0, double endLearningRate = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(endLearningRate);
        return new PolynomialSchedule(Positive(power, nameof(power)), endLearningRate);
    }

    /// <summary>
    /// Multiplies the rate by <paramref name="factor"/> when the monitored loss has not improved
    /// (by a relative 1e-4) for more than <paramref name="patience"/> epochs (<c>plateau(patience:, factor:)</c>).
    /// The defaults are the language's (docs/catalog.md): a spec's <c>plateau()</c> leaves them to this method.
    /// </summary>
    public static Schedule Plateau(int patience = 5, double factor = 0.1, double minLearningRate = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        if (factor is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The plateau factor must be between 0 and 1.");
        }

        return new PlateauSchedule(patience, factor, minLearningRate);
    }

    /// <summary>
    /// Multiplies the rate by <paramref name="gamma"/> once each number of completed optimizer steps in
    /// <paramref name="steps"/> is reached (<c>multistep(at: [500 steps, 800 steps])</c>): <c>at: [2 steps]</c>
    /// lowers the rate from the third step on, as <see cref="Step"/> with steps does.
    /// </summary>
    public static Schedule MultiStepAtSteps(IReadOnlyList<long> steps, double gamma = 0.1)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0 || steps.Any(e => e < 1) || steps.Zip(steps.Skip(1)).Any(p => p.First >= p.Second))
        {
            throw new ArgumentException("multistep needs increasing step numbers from 1.", nameof(steps));
        }

        return new MultiStepAtStepsSchedule([.. steps], Positive(gamma, nameof(gamma)));
    }

    /// <summary>
    /// Rises linearly over <paramref name="length"/> to the rate that follows it (<c>warmup(duration)</c>):
    /// step s of L uses (s + 1) / L of it. Alone, the optimizer's rate follows.
    /// </summary>
    public static Schedule Warmup(TrainingLength length) => new WarmupSchedule(length, null);

    /// <summary>
    /// Rises linearly over <paramref name="length"/> from <paramref name="start"/> times the rate that follows
    /// it up to that rate (<c>warmup(duration, start:)</c>), as PyTorch's LinearLR: step s of L uses
    /// start + (1 - start) * s / L of it, so step 0 uses start of it and step L the whole rate.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is not in [0, 1].</exception>
    public static Schedule Warmup(TrainingLength length, double start) => start is >= 0 and <= 1
        ? new WarmupSchedule(length, start)
        : throw new ArgumentOutOfRangeException(nameof(start), start, "The warmup's start must be a share of the rate, from 0 to 1.");

    /// <summary>Runs this schedule for its length, then <paramref name="next"/> (<c>this then next</c>).</summary>
    /// <exception cref="ArgumentException">This schedule has no length of its own (only warmup, or a composition ending in one, has).</exception>
    public Schedule Then(Schedule next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return HasLength
            ? new SequenceSchedule(this, next)
            : throw new ArgumentException($"'{this}' lasts until the end of training, so nothing can follow it; only a schedule with a length, such as warmup(1 epoch), can come before 'then'.", nameof(next));
    }

    /// <summary>Whether the schedule ends by itself (then another can follow it).</summary>
    private protected virtual bool HasLength => false;

    /// <summary>The schedule's length in steps, for schedules that have one.</summary>
    private protected virtual long LengthInSteps(long stepsPerEpoch) => throw new InvalidOperationException($"'{this}' has no length.");

    /// <summary>Starts a run on <paramref name="timeline"/>.</summary>
    internal abstract IScheduleRun Start(ScheduleTimeline timeline);

    /// <summary>Starts a run over a whole training of <paramref name="totalSteps"/> steps from <paramref name="baseLearningRate"/>.</summary>
    internal IScheduleRun Start(double baseLearningRate, long stepsPerEpoch, long totalSteps) =>
        Start(new ScheduleTimeline(baseLearningRate, stepsPerEpoch, totalSteps, baseLearningRate));

    private protected static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static double Positive(double value, string name) => value > 0 && double.IsFinite(value)
        ? value
        : throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be a positive number.");

    private static long EpochOf(long step, long stepsPerEpoch) => step / Math.Max(1, stepsPerEpoch);

    private sealed record ConstantSchedule : Schedule
    {
        internal override IScheduleRun Start(ScheduleTimeline timeline) => new FunctionRun(_ => timeline.BaseLearningRate);

        public override string ToString() => "constant";
    }

    private sealed record StepSchedule(TrainingLength Every, double Gamma) : Schedule
    {
        internal override IScheduleRun Start(ScheduleTimeline timeline) => Every.InEpochs
            ? new FunctionRun(s => timeline.BaseLearningRate * Math.Pow(Gamma, EpochOf(s, timeline.StepsPerEpoch) / Every.Value))
            : new FunctionRun(s => timeline.BaseLearningRate * Math.Pow(Gamma, s / Every.Value));

        public override string ToString() => $"step(every: {Every}, gamma: {Number(Gamma)})";
    }

    private sealed record MultiStepSchedule(int[] Epochs, double Gamma) : Schedule
    {
        internal override IScheduleRun Start(ScheduleTimeline timeline) =>
            new FunctionRun(s => timeline.BaseLearningRate * Math.Pow(Gamma, Epochs.Count(e => e <= EpochOf(s, timeline.StepsPerEpoch))));

        public override string ToString() => $"multistep(at: [{string.Join(", ", Epochs)}], gamma: {Number(Gamma)})";
    }

    private sealed record MultiStepAtStepsSchedule(long[] Steps, double Gamma) : Schedule
    {
        internal override IScheduleRun Start(ScheduleTimeline timeline) =>
            new FunctionRun(s => timeline.BaseLearningRate * Math.Pow(Gamma, Steps.Count(m => m <= s)));

        public override string ToString() => $"multistep(at: [{string.Join(", ", Steps.Select(m => $"{m} {(m == 1 ? "step" : "steps")}"))}], gamma: {Number(Gamma)})";
    }

    private sealed record ExponentialSchedule(double Gamma) : Schedule
    {
        internal override IScheduleRun Start(ScheduleTimeline timeline) =>
            new FunctionRun(s => timeline.BaseLearningRate * Math.Pow(Gamma, EpochOf(s, timeline.StepsPerEpoch)));

        public override string ToString() => $"exponential(gamma: {Number(Gamma)})";
    }

    private sealed record CosineSchedule(double MinLearningRate) : Schedule
    {
        internal override IScheduleRun Start(ScheduleTimeline timeline)
        {
            var total = Math.Max(1, timeline.TotalSteps);
            var high = timeline.BaseLearningRate;
            return new FunctionRun(s => MinLearningRate + ((high - MinLearningRate) * (1 + Math.Cos(Math.PI * Math.Min(s, total) / total)) / 2));
        }

        public override string ToString() => $"cosine(min_lr: {Number(MinLearningRate)})";
    }

    private sealed record OneCycleSchedule(double MaxLearningRate, double RiseFraction, double DivFactor, double FinalDivFactor) : Schedule
    {
        internal override IScheduleRun Start(ScheduleTimeline timeline)
        {
            var initial = MaxLearningRate / DivFactor;
            var final = initial / FinalDivFactor;

            // PyTorch's phase ends: the peak at step riseFraction * total - 1, the floor at the last step.
            var peak = Math.Max(1, (RiseFraction * timeline.TotalSteps) - 1);
            var last = Math.Max(peak + 1, timeline.TotalSteps - 1);
            return new FunctionRun(s => s <= peak
                ? Anneal(initial, MaxLearningRate, s / peak)
                : Anneal(MaxLearningRate, final, Math.Min(1, (s - peak) / (last - peak))));
        }

        public override string ToString() => $"onecycle(max_lr: {Number(MaxLearningRate)})";

        private static double Anneal(double from, double to, double fraction) => to + ((from - to) * (1 + Math.Cos(Math.PI * fraction)) / 2);
    }

    // PyTorch's CyclicLR with step_size_down = step_size_up: x is the position in the current cycle (0 to 1),
    // the height rises over the first half and falls over the second; exp_range scales by gamma^step.
    private sealed record CyclicSchedule(double BaseLearningRate, double MaxLearningRate, TrainingLength StepSize, CyclicMode Mode, double Gamma) : Schedule
    {
        internal override IScheduleRun Start(ScheduleTimeline timeline)
        {
            var half = (double)Math.Max(1, StepSize.ToSteps(timeline.StepsPerEpoch));
            return new FunctionRun(s =>
            {
                var cycle = Math.Floor(1 + (s / (2 * half)));
                var x = 1 + (s / (2 * half)) - cycle;
                var rise = x <= 0.5 ? x / 0.5 : (x - 1) / (0.5 - 1);
                var scale = Mode switch
                {
                    CyclicMode.Triangular => 1.0,
                    CyclicMode.Triangular2 => 1 / Math.Pow(2, cycle - 1),
                    _ => Math.Pow(Gamma, s),
                };
                return BaseLearningRate + ((MaxLearningRate - BaseLearningRate) * rise * scale);
            });
        }

        public override string ToString() => $"cyclic(base_lr: {Number(BaseLearningRate)}, max_lr: {Number(MaxLearningRate)}, step: {StepSize}, mode: {Mode switch
        {
            CyclicMode.Triangular => "triangular",
            CyclicMode.Triangular2 => "triangular2",
            _ => "exp_range",
        }}{(Mode == CyclicMode.ExpRange ? $", gamma: {Number(Gamma)}" : string.Empty)})";
    }

    // PyTorch's CosineAnnealingWarmRestarts: T_cur counts steps into the current period of T_i steps,
    // and each restart multiplies the period by mult.
    private sealed record CosineRestartsSchedule(TrainingLength Period, int Mult, double MinLearningRate) : Schedule
    {
        internal override IScheduleRun Start(ScheduleTimeline timeline)
        {
            var first = Math.Max(1, Period.ToSteps(timeline.StepsPerEpoch));
            var high = timeline.BaseLearningRate;
            return new FunctionRun(s =>
            {
                var into = s;
                var period = first;
                while (into >= period)
                {
                    into -= period;
                    period *= Mult;
                }

                return MinLearningRate + ((high - MinLearningRate) * (1 + Math.Cos(Math.PI * into / period)) / 2);
            });
        }

        public override string ToString() => $"cosine_restarts(period: {Period}, mult: {Mult}, min_lr: {Number(MinLearningRate)})";
    }

    private sealed record PolynomialSchedule(double Power, double EndLearningRate) : Schedule
    {
        internal override IScheduleRun Start(ScheduleTimeline timeline)
        {
            var total = Math.Max(1, timeline.TotalSteps);
            var high = timeline.BaseLearningRate;
            return new FunctionRun(s => EndLearningRate + ((high - EndLearningRate) * Math.Pow(1 - ((double)Math.Min(s, total) / total), Power)));
        }

        public override string ToString() => $"polynomial(power: {Number(Power)}, end_lr: {Number(EndLearningRate)})";
    }

    private sealed record PlateauSchedule(int Patience, double Factor, double MinLearningRate) : Schedule
    {
        internal override IScheduleRun Start(ScheduleTimeline timeline) => new PlateauRun(this, timeline.BaseLearningRate);

        public override string ToString() => $"plateau(patience: {Patience}, factor: {Number(Factor)})";

        private sealed class PlateauRun(PlateauSchedule schedule, double rate) : IScheduleRun
        {
            private const double RelativeThreshold = 1e-4;
            private double _best = double.PositiveInfinity;
            private int _badEpochs;
            private double _rate = rate;

            public double At(long step) => _rate;

            public void EndEpoch(double metric)
            {
                if (metric < _best * (1 - RelativeThreshold))
                {
                    _best = metric;
                    _badEpochs = 0;
                    return;
                }

                if (++_badEpochs > schedule.Patience)
                {
                    _rate = Math.Max(_rate * schedule.Factor, schedule.MinLearningRate);
                    _badEpochs = 0;
                }
            }
        }
    }

    // Without a start, step s of L uses (s + 1) / L of the rate (the first step a share of it, as before 'start' existed).
    private sealed record WarmupSchedule(TrainingLength Length, double? StartShare) : Schedule
    {
        private protected override bool HasLength => true;

        private protected override long LengthInSteps(long stepsPerEpoch) => Length.ToSteps(stepsPerEpoch);

        internal override IScheduleRun Start(ScheduleTimeline timeline)
        {
            var length = LengthInSteps(timeline.StepsPerEpoch);
            var target = timeline.HandOverLearningRate;
            return StartShare is { } start
                ? new FunctionRun(s => s < length ? target * (start + ((1 - start) * s / length)) : target)
                : new FunctionRun(s => s < length ? target * (s + 1) / length : target);
        }

        public override string ToString() => StartShare is { } start ? $"warmup({Length}, start: {Number(start)})" : $"warmup({Length})";
    }

    private sealed record SequenceSchedule(Schedule First, Schedule Next) : Schedule
    {
        private protected override bool HasLength => Next.HasLength;

        private protected override long LengthInSteps(long stepsPerEpoch) => First.LengthInSteps(stepsPerEpoch) + Next.LengthInSteps(stepsPerEpoch);

        internal override IScheduleRun Start(ScheduleTimeline timeline)
        {
            var firstLength = First.LengthInSteps(timeline.StepsPerEpoch);
            var next = Next.Start(timeline with { TotalSteps = Math.Max(1, timeline.TotalSteps - firstLength) });
            var first = First.Start(timeline with { TotalSteps = firstLength, HandOverLearningRate = next.At(0) });
            return new SequenceRun(first, next, firstLength);
        }

        public override string ToString() => $"{First} then {Next}";

        private sealed class SequenceRun(IScheduleRun first, IScheduleRun next, long firstLength) : IScheduleRun
        {
            private long _lastStep;

            public double At(long step)
            {
                _lastStep = step;
                return step < firstLength ? first.At(step) : next.At(step - firstLength);
            }

            public void EndEpoch(double metric)
            {
                if (_lastStep < firstLength)
                {
                    first.EndEpoch(metric);
                }
                else
                {
                    next.EndEpoch(metric);
                }
            }
        }
    }

    private sealed class FunctionRun(Func<long, double> rate) : IScheduleRun
    {
        public double At(long step) => rate(step);

        public void EndEpoch(double metric)
        {
        }
    }
}
