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
        { "cyclic", Schedule.Cyclic(0.01, 0.1, TrainingLength.Steps(3), CyclicMode.Triangular2) },
        { "cosine-restarts", Schedule.CosineRestarts(TrainingLength.Epochs(1), mult: 2, minLearningRate: 0.001) },
        { "polynomial", Schedule.Polynomial(power: 2) },
        { "warmup-then-polynomial", Schedule.Warmup(TrainingLength.Epochs(1)).Then(Schedule.Polynomial(power: 1, endLearningRate: 0.01)) },
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

    // Reference curves: PyTorch 1.13's schedulers on SGD(lr=0.1), the rate read before each optimizer step
    // and scheduler.step() called after it (every batch), printed rounded to 12 decimals:
    // CyclicLR(opt, 0.01, 0.1, step_size_up=3, mode=..., gamma=0.9, cycle_momentum=False).
    [Theory]
    [InlineData(CyclicMode.Triangular, new[] { 0.01, 0.04, 0.07, 0.1, 0.07, 0.04, 0.01, 0.04, 0.07, 0.1, 0.07, 0.04, 0.01, 0.04 })]
    [InlineData(CyclicMode.Triangular2, new[] { 0.01, 0.04, 0.07, 0.1, 0.07, 0.04, 0.01, 0.025, 0.04, 0.055, 0.04, 0.025, 0.01, 0.0175 })]
    [InlineData(CyclicMode.ExpRange, new[] { 0.01, 0.037, 0.0586, 0.07561, 0.049366, 0.0277147, 0.01, 0.024348907, 0.0358280326, 0.04486784401, 0.030920706406, 0.019414317883, 0.01, 0.017625597485 })]
    public void Cyclic_follows_pytorch_s_cyclic_lr_in_each_mode(CyclicMode mode, double[] expected)
    {
        var run = Schedule.Cyclic(0.01, 0.1, TrainingLength.Steps(3), mode, gamma: 0.9).Start(BaseRate, StepsPerEpoch, 100);

        AssertCurve(expected, run);
    }

    [Fact]
    public void Cyclic_with_a_step_size_in_epochs_rises_over_that_many_epochs_of_steps()
    {
        // CyclicLR(opt, 0.01, 0.1, step_size_up=8) (2 epochs of 4 steps), triangular.
        double[] expected = [0.01, 0.02125, 0.0325, 0.04375, 0.055, 0.06625, 0.0775, 0.08875, 0.1, 0.08875, 0.0775, 0.06625, 0.055, 0.04375, 0.0325, 0.02125, 0.01, 0.02125, 0.0325, 0.04375, 0.055, 0.06625, 0.0775, 0.08875];
        var schedule = Schedule.Cyclic(0.01, 0.1, TrainingLength.Epochs(2));

        AssertCurve(expected, schedule.Start(BaseRate, StepsPerEpoch, Epochs * StepsPerEpoch));
        Assert.Equal("cyclic(base_lr: 0.01, max_lr: 0.1, step: 2 epochs, mode: triangular)", schedule.ToString());
        Assert.Equal("cyclic(base_lr: 0.01, max_lr: 0.1, step: 3 steps, mode: exp_range, gamma: 0.9)", Schedule.Cyclic(0.01, 0.1, TrainingLength.Steps(3), CyclicMode.ExpRange, 0.9).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.Cyclic(0.1, 0.01, TrainingLength.Steps(3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.Cyclic(0.01, 0.1, TrainingLength.Steps(3), CyclicMode.ExpRange, gamma: 1.5));
    }

    [Fact]
    public void Cosine_restarts_follow_pytorch_s_warm_restarts_with_the_period_in_steps_or_epochs()
    {
        // CosineAnnealingWarmRestarts(opt, T_0=4, T_mult=2, eta_min=0.001) stepped every batch; the same curve comes from
        // T_0=1 (epoch) stepped with scheduler.step(i / 4) after batch i of 4-batch epochs.
        double[] expected = [0.1, 0.085501785669, 0.0505, 0.015498214331, 0.1, 0.096232036859, 0.085501785669, 0.069442829902, 0.0505, 0.031557170098, 0.015498214331, 0.004767963141, 0.1, 0.09904887138, 0.096232036859, 0.091657745809, 0.085501785669, 0.078000726534, 0.069442829902, 0.06015697094, 0.0505, 0.04084302906, 0.031557170098, 0.022999273466];

        AssertCurve(expected, Schedule.CosineRestarts(TrainingLength.Steps(4), mult: 2, minLearningRate: 0.001).Start(BaseRate, StepsPerEpoch, Epochs * StepsPerEpoch));
        AssertCurve(expected, Schedule.CosineRestarts(TrainingLength.Epochs(1), mult: 2, minLearningRate: 0.001).Start(BaseRate, StepsPerEpoch, Epochs * StepsPerEpoch));
        Assert.Equal("cosine_restarts(period: 1 epoch, mult: 2, min_lr: 0.001)", Schedule.CosineRestarts(TrainingLength.Epochs(1), 2, 0.001).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.CosineRestarts(TrainingLength.Steps(4), mult: 0));
    }

    [Fact]
    public void Cosine_restarts_without_a_multiplier_repeat_the_same_period()
    {
        // CosineAnnealingWarmRestarts(opt, T_0=5, T_mult=1, eta_min=0) stepped every batch.
        double[] expected = [0.1, 0.090450849719, 0.065450849719, 0.034549150281, 0.009549150281, 0.1, 0.090450849719, 0.065450849719, 0.034549150281, 0.009549150281, 0.1, 0.090450849719];

        AssertCurve(expected, Schedule.CosineRestarts(TrainingLength.Steps(5)).Start(BaseRate, StepsPerEpoch, 12));
    }

    [Theory]
    [InlineData(2.0, new[] { 0.1, 0.091840277778, 0.084027777778, 0.0765625, 0.069444444444, 0.062673611111, 0.05625, 0.050173611111, 0.044444444444, 0.0390625, 0.034027777778, 0.029340277778, 0.025, 0.021006944444, 0.017361111111, 0.0140625, 0.011111111111, 0.008506944444, 0.00625, 0.004340277778, 0.002777777778, 0.0015625, 0.000694444444, 0.000173611111 })]
    [InlineData(1.0, new[] { 0.1, 0.095833333333, 0.091666666667, 0.0875, 0.083333333333, 0.079166666667, 0.075, 0.070833333333, 0.066666666667, 0.0625, 0.058333333333, 0.054166666667, 0.05, 0.045833333333, 0.041666666667, 0.0375, 0.033333333333, 0.029166666667, 0.025, 0.020833333333, 0.016666666667, 0.0125, 0.008333333333, 0.004166666667 })]
    public void Polynomial_follows_pytorch_s_polynomial_lr_over_the_rest_of_training(double power, double[] expected)
    {
        // PolynomialLR(opt, total_iters=24, power=...) stepped every batch, over 24 steps of training.
        AssertCurve(expected, Schedule.Polynomial(power).Start(BaseRate, StepsPerEpoch, Epochs * StepsPerEpoch));
    }

    [Fact]
    public void Polynomial_with_an_end_rate_decays_to_it_instead_of_zero()
    {
        var run = Schedule.Polynomial(power: 2, endLearningRate: 0.01).Start(BaseRate, 10, 100);

        Assert.Equal(BaseRate, run.At(0), 12);
        Assert.Equal(0.01 + (0.09 * 0.25), run.At(50), 12);
        Assert.Equal(0.01, run.At(100), 12);
        Assert.Equal("polynomial(power: 2, end_lr: 0.01)", Schedule.Polynomial(2, 0.01).ToString());
    }

    private static void AssertCurve(double[] expected, IScheduleRun run)
    {
        for (var step = 0; step < expected.Length; step++)
        {
            Assert.Equal(expected[step], run.At(step), 9);
        }
    }
}
