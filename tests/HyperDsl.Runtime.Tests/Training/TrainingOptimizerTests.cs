using HyperDsl.Runtime.Training;
using HyperDsl.Runtime.Training.Checkpoints;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Training;

/// <summary>HyperDsl's optimizers (issue 20) against TorchSharp's on the same parameters and gradients.</summary>
public sealed class TrainingOptimizerTests
{
    public static TheoryData<string> Settings =>
    [
        "sgd", "sgd momentum", "sgd nesterov decay", "adam", "adam decay", "adamw", "adamw no decay", "rmsprop", "rmsprop momentum decay",
    ];

    private static OptimizerSpec Spec(string setting) => setting switch
    {
        "sgd" => OptimizerSpec.Sgd(lr: 0.1),
        "sgd momentum" => OptimizerSpec.Sgd(lr: 0.1, momentum: 0.9),
        "sgd nesterov decay" => OptimizerSpec.Sgd(lr: 0.1, momentum: 0.8, nesterov: true, weightDecay: 1e-2),
        "adam" => OptimizerSpec.Adam(lr: 1e-2),
        "adam decay" => OptimizerSpec.Adam(lr: 1e-2, weightDecay: 1e-2, beta1: 0.8, beta2: 0.99, eps: 1e-6),
        "adamw" => OptimizerSpec.AdamW(lr: 1e-2, weightDecay: 0.1),
        "adamw no decay" => OptimizerSpec.AdamW(lr: 1e-2, weightDecay: 0),
        "rmsprop" => OptimizerSpec.RmsProp(lr: 1e-2),
        _ => OptimizerSpec.RmsProp(lr: 1e-2, alpha: 0.9, momentum: 0.5, weightDecay: 1e-2),
    };

    // TorchSharp's optimizer with the same settings: the reference.
    private static optim.Optimizer Reference(string setting, IReadOnlyList<ParameterGroup> groups, double lr) => setting switch
    {
        "sgd" => optim.SGD(groups.Select(g => new SGD.ParamGroup(g.Parameters, lr: lr * g.Scale)), lr),
        "sgd momentum" => optim.SGD(groups.Select(g => new SGD.ParamGroup(g.Parameters, lr: lr * g.Scale, momentum: 0.9)), lr, momentum: 0.9),
        "sgd nesterov decay" => optim.SGD(groups.Select(g => new SGD.ParamGroup(g.Parameters, lr: lr * g.Scale, momentum: 0.8, nesterov: true, weight_decay: 1e-2)), lr, momentum: 0.8, nesterov: true, weight_decay: 1e-2),
        "adam" => optim.Adam(groups.Select(g => new Adam.ParamGroup(g.Parameters, lr: lr * g.Scale)), lr),
        "adam decay" => optim.Adam(groups.Select(g => new Adam.ParamGroup(g.Parameters, lr: lr * g.Scale, beta1: 0.8, beta2: 0.99, eps: 1e-6, weight_decay: 1e-2)), lr, beta1: 0.8, beta2: 0.99, eps: 1e-6, weight_decay: 1e-2),
        "adamw" => optim.AdamW(groups.Select(g => new AdamW.ParamGroup(g.Parameters, lr: lr * g.Scale, weight_decay: 0.1)), lr, weight_decay: 0.1),
        "adamw no decay" => optim.AdamW(groups.Select(g => new AdamW.ParamGroup(g.Parameters, lr: lr * g.Scale, weight_decay: 0)), lr, weight_decay: 0),
        "rmsprop" => optim.RMSProp(groups.Select(g => new RMSProp.ParamGroup(g.Parameters, lr: lr * g.Scale)), lr),
        _ => optim.RMSProp(groups.Select(g => new RMSProp.ParamGroup(g.Parameters, lr: lr * g.Scale, alpha: 0.9, momentum: 0.5, weight_decay: 1e-2)), lr, alpha: 0.9, momentum: 0.5, weight_decay: 1e-2),
    };

    // Two groups (the second at a tenth of the rate), one parameter without a gradient at some steps.
    private static List<ParameterGroup> Parameters(long seed)
    {
        using var generator = new Generator((ulong)seed, CPU);
        Parameter Make(params long[] shape) => new(randn(shape, generator: generator), requires_grad: true);
        return [new ParameterGroup([Make(4, 3), Make(4)], 1.0), new ParameterGroup([Make(2, 2, 3, 3)], 0.1)];
    }

    private static void SetGradients(IReadOnlyList<ParameterGroup> groups, Generator generator, int step)
    {
        foreach (var (parameter, index) in groups.SelectMany(g => g.Parameters).Select((p, i) => (p, i)))
        {
            // The bias has no gradient every third step: optimizers skip it, and Adam's step count stays behind.
            using var gradient = index == 1 && step % 3 == 2 ? null : randn(parameter.shape, generator: generator);
            parameter.grad = gradient;
        }
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void Every_step_gives_the_parameters_of_TorchSharps_optimizer_bit_for_bit_with_the_rate_set_per_group_each_step(string setting)
    {
        var spec = Spec(setting);
        var ours = Parameters(1);
        var theirs = Parameters(1);
        using var optimizer = spec.Create(ours);
        using var reference = Reference(setting, theirs, spec.LearningRate);
        using var oursGradients = new Generator(5, CPU);
        using var theirsGradients = new Generator(5, CPU);

        for (var step = 0; step < 8; step++)
        {
            // A schedule's rate, written into each group before the step as the trainer does.
            var rate = spec.LearningRate * (1 + (0.5 * Math.Sin(step)));
            var referenceGroups = reference.ParamGroups.ToList();
            for (var g = 0; g < ours.Count; g++)
            {
                optimizer.Groups[g].LearningRate = rate * ours[g].Scale;
                referenceGroups[g].LearningRate = rate * theirs[g].Scale;
            }

            SetGradients(ours, oursGradients, step);
            SetGradients(theirs, theirsGradients, step);
            optimizer.Step();
            reference.step();

            foreach (var (mine, expected) in ours.SelectMany(g => g.Parameters).Zip(theirs.SelectMany(g => g.Parameters)))
            {
                Assert.Equal(expected.data<float>().ToArray(), mine.data<float>().ToArray());
            }
        }

        Dispose(ours, theirs);
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void A_state_saved_and_loaded_into_a_fresh_optimizer_continues_bit_for_bit(string setting)
    {
        var spec = Spec(setting);
        var straight = Parameters(2);
        var resumed = Parameters(2);
        using var gradients = new Generator(6, CPU);
        using var first = spec.Create(straight);
        using var second = spec.Create(resumed);
        for (var step = 0; step < 3; step++)
        {
            SetGradients(straight, gradients, step);
            first.Step();
        }

        foreach (var (target, source) in resumed.SelectMany(g => g.Parameters).Zip(straight.SelectMany(g => g.Parameters)))
        {
            using var noGrad = no_grad();
            target.copy_(source);
        }

        second.LoadState(first.SaveState());
        using var again = new Generator(7, CPU);
        using var same = new Generator(7, CPU);
        for (var step = 3; step < 6; step++)
        {
            SetGradients(straight, again, step);
            SetGradients(resumed, same, step);
            first.Step();
            second.Step();
        }

        foreach (var (a, b) in straight.SelectMany(g => g.Parameters).Zip(resumed.SelectMany(g => g.Parameters)))
        {
            Assert.Equal(a.data<float>().ToArray(), b.data<float>().ToArray());
        }

        Dispose(straight, resumed);
    }

    [Fact]
    public void Another_optimizers_state_or_one_of_other_shapes_is_refused_with_a_reason_and_changes_nothing()
    {
        var parameters = Parameters(3);
        using var adam = OptimizerSpec.Adam(lr: 1e-2).Create(parameters);
        using var adamw = OptimizerSpec.AdamW(lr: 1e-2).Create(parameters);
        using var smaller = OptimizerSpec.Adam(lr: 1e-2).Create([new ParameterGroup([parameters[0].Parameters[0]], 1.0)]);
        var saved = adamw.SaveState();
        var before = adam.SaveState().Select(t => t.Bytes).ToList();
        var reshaped = adam.SaveState().Select(t => t.Name.EndsWith("/exp_avg", StringComparison.Ordinal) ? t with { Shape = [.. t.Shape.Reverse()] } : t).ToList();

        Assert.Contains("another optimizer's (adamw), not adam's", Assert.Throws<CheckpointException>(() => adam.LoadState(saved)).Message, StringComparison.Ordinal);
        Assert.Contains("adam/0/exp_avg' is Float32 [3, 4]", Assert.Throws<CheckpointException>(() => adam.LoadState(reshaped)).Message, StringComparison.Ordinal);
        Assert.Contains("unknown adam/1/step", Assert.Throws<CheckpointException>(() => smaller.LoadState(adam.SaveState())).Message, StringComparison.Ordinal);
        Assert.Equal(before, adam.SaveState().Select(t => t.Bytes));
        Dispose(parameters);
    }

    private static void Dispose(params List<ParameterGroup>[] groups)
    {
        foreach (var parameter in groups.SelectMany(g => g).SelectMany(g => g.Parameters))
        {
            parameter.Dispose();
        }
    }
}
