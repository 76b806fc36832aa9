using System.Globalization;
using System.Text;
using HyperDsl.Runtime.Training;
using HyperDsl.TestKit;

namespace HyperDsl.Runtime.Tests.Training;

public sealed class ScheduleTests
{
    private const double BaseRate = 0.1;
    private const int Epochs = 6;
    private const int StepsPerEpoch = 4;

    // Validation losses fed to plateau-aware schedules after each epoch: two improvements, then a plateau.
    private static readonly double[] MonitoredLosses = [1.0, 0.8, 0.8, 0.8, 0.8, 0.8];

    public static TheoryData<string, Schedule> Schedules() => new()
    {
        { "constant", Schedule.Constant },
        { "step-epochs", Schedule.Step(TrainingLength.Epochs(2), gamma: 0.5) },
        { "step-steps", Schedule.Step(TrainingLength.Steps(5), gamma: 0.5) },
        { "multistep", Schedule.MultiStep([2, 5], gamma: 0.1) },
        { "exponential", Schedule.Exponential(0.8) },
        { "cosine", Schedule.Cosine(minLearningRate: 0.001) },
        { "onecycle", Schedule.OneCycle(maxLearningRate: 1.0) },
        { "plateau", Schedule.Plateau(patience: 1, factor: 0.5) },
        { "warmup", Schedule.Warmup(TrainingLength.Epochs(1)) },
        { "warmup-then-cosine", Schedule.Warmup(TrainingLength.Epochs(1)).Then(Schedule.Cosine(minLearningRate: 0.001)) },
        { "warmup-then-step", Schedule.Warmup(TrainingLength.Steps(6)).Then(Schedule.Step(TrainingLength.Epochs(2), gamma: 0.5)) },
        { "warmup-then-onecycle", Schedule.Warmup(TrainingLength.Epochs(1)).Then(Schedule.OneCycle(maxLearningRate: 1.0)) },
        { "warmup-then-plateau", Schedule.Warmup(TrainingLength.Epochs(1)).Then(Schedule.Plateau(patience: 1, factor: 0.5)) },
    };

    private static double[] Curve(Schedule schedule)
    {
        var run = schedule.Start(BaseRate, StepsPerEpoch, Epochs * StepsPerEpoch);
        var rates = new List<double>();
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            for (var step = 0; step < StepsPerEpoch; step++)
            {
                rates.Add(run.At((epoch * StepsPerEpoch) + step));
            }

            run.EndEpoch(MonitoredLosses[epoch]);
        }

        return [.. rates];
    }

    [Theory]
    [MemberData(nameof(Schedules))]
    public void Each_schedule_s_learning_rate_curve_matches_its_baseline(string name, Schedule schedule)
    {
        var rates = Curve(schedule);
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"schedule: {schedule}\n")
            .Append(CultureInfo.InvariantCulture, $"base lr {BaseRate}, {Epochs} epochs of {StepsPerEpoch} steps; monitored loss after each epoch: {string.Join(", ", MonitoredLosses)}\n")
            .Append("epoch  step  lr  (epochs count from 1, steps from 0)\n");
        for (var i = 0; i < rates.Length; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(i / StepsPerEpoch) + 1,5}  {i,4}  {rates[i]:0.0000000}\n");
        }

        BaselineAssert.Matches(text.ToString(), $"Baselines/lr-{name}.txt");
    }

    [Fact]
    public void Multistep_milestones_in_steps_lower_the_rate_after_that_many_steps()
    {
        var rates = Curve(Schedule.MultiStepAtSteps([2, 5], gamma: 0.5));

        Assert.Equal([BaseRate, BaseRate, BaseRate * 0.5, BaseRate * 0.5, BaseRate * 0.5, BaseRate * 0.25], rates[..6]);
        Assert.Equal("multistep(at: [2 steps, 5 steps], gamma: 0.5)", Schedule.MultiStepAtSteps([2, 5], gamma: 0.5).ToString());
    }

    [Fact]
    public void Warmup_with_a_start_begins_at_start_times_the_rate_and_rises_linearly_to_it()
    {
        // warmup(4 steps, start: 0.1) then constant: 0.1, 0.325, 0.55, 0.775 of the rate, then the rate.
        var rates = Curve(Schedule.Warmup(TrainingLength.Steps(4), start: 0.1).Then(Schedule.Constant));

        Assert.Equal(0.1 * BaseRate, rates[0], 12);
        for (var s = 0; s < 4; s++)
        {
            Assert.Equal(BaseRate * (0.1 + (0.9 * s / 4)), rates[s], 12);
        }

        Assert.Equal(BaseRate, rates[4], 12);
        Assert.Equal("warmup(4 steps, start: 0.1) then constant", Schedule.Warmup(TrainingLength.Steps(4), start: 0.1).Then(Schedule.Constant).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.Warmup(TrainingLength.Steps(4), start: 1.5));
    }

    [Theory]
    [InlineData("cosine")]
    [InlineData("step")]
    [InlineData("onecycle")]
    [InlineData("plateau")]
    public void Warmup_rises_without_a_jump_into_the_schedule_that_follows(string next)
    {
        Schedule following = next switch
        {
            "cosine" => Schedule.Cosine(),
            "step" => Schedule.Step(TrainingLength.Epochs(1), 0.5),
            "onecycle" => Schedule.OneCycle(1.0),
            _ => Schedule.Plateau(),
        };
        var warmupSteps = StepsPerEpoch;
        var rates = Curve(Schedule.Warmup(TrainingLength.Steps(warmupSteps)).Then(following));
        var handOver = Curve(following)[0];

        // Linear rise: equal increments of handOver / length, ending exactly at the rate that follows.
        for (var s = 0; s < warmupSteps; s++)
        {
            Assert.Equal(handOver * (s + 1) / warmupSteps, rates[s], 12);
        }

        Assert.Equal(rates[warmupSteps - 1], rates[warmupSteps], 12);
    }

    [Fact]
    public void A_schedule_without_a_length_cannot_come_before_then()
    {
        var error = Assert.Throws<ArgumentException>(() => Schedule.Cosine().Then(Schedule.Constant));

        Assert.Contains("'cosine(min_lr: 0)' lasts until the end of training", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cosine_ends_at_its_minimum_and_one_cycle_peaks_at_its_maximum()
    {
        var cosine = Schedule.Cosine(minLearningRate: 0.001).Start(BaseRate, 10, 100);
        var oneCycle = Schedule.OneCycle(maxLearningRate: 1.0).Start(BaseRate, 10, 100);

        Assert.Equal(0.001, cosine.At(100), 12);
        Assert.Equal(1.0, Enumerable.Range(0, 100).Max(s => oneCycle.At(s)), 12);
        Assert.Equal(1.0 / 25, oneCycle.At(0), 12);
    }
}
