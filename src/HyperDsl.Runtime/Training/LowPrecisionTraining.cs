using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Training;

/// <summary>
/// Mixed-precision training as TorchSharp 0.107 allows it: it has no autocast and no GradScaler,
/// so the whole model is cast to bfloat16 or float16 for the forward and backward passes while
/// the optimizer steps fp32 master copies of the trainable parameters (the scheme of Micikevicius
/// et al., "Mixed Precision Training"). Each step copies the low-precision gradients into the
/// masters (unscaled), the optimizer and gradient clipping work on the masters, and the updated
/// masters are copied back into the model. The loss is computed in fp32 from fp32 logits. For
/// float16 a dynamic loss scale keeps small gradients from flushing to zero: a step whose scaled
/// gradients overflow is skipped and the scale halved; after 2,000 clean steps it doubles.
/// <see cref="Restore"/> puts the model back in fp32 holding the masters, so what leaves the
/// trainer (weights, test evaluation of the caller) is fp32 as always.
/// </summary>
internal sealed class LowPrecisionTraining : IDisposable
{
    private const int GrowthInterval = 2000;
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly ScalarType _type;
    private readonly List<(string Name, Parameter Master)> _masters;
    private List<Parameter> _working;
    private double _lossScale;
    private int _cleanSteps;
    private bool _restored;

    private LowPrecisionTraining(nn.Module<Tensor, Tensor> model, ScalarType type, List<(string Name, Parameter Master)> masters, IReadOnlyList<ParameterGroup> groups)
    {
        _model = model;
        _type = type;
        _masters = masters;
        _lossScale = type == ScalarType.Float16 ? 65536.0 : 1.0;
        Groups = groups;
        _working = WorkingParameters();
    }

    /// <summary>The optimizer's parameter groups: the fp32 masters, grouped and scaled as the model's parameters were.</summary>
    public IReadOnlyList<ParameterGroup> Groups { get; }

    /// <summary>The fp32 masters, for gradient clipping.</summary>
    public IReadOnlyList<Parameter> Trainable => [.. _masters.Select(m => m.Master)];

    /// <summary>The current loss scale (1 for bfloat16).</summary>
    public double LossScale => _lossScale;

    /// <summary>
    /// Takes fp32 master copies of <paramref name="groups"/>' parameters and casts <paramref name="model"/>
    /// (already on its device) to the precision's type; null for <see cref="TrainingPrecision.Fp32"/>.
    /// </summary>
    public static LowPrecisionTraining? Start(TrainingPrecision precision, nn.Module<Tensor, Tensor> model, IReadOnlyList<ParameterGroup> groups, Device device)
    {
        if (precision == TrainingPrecision.Fp32)
        {
            return null;
        }

        if (precision == TrainingPrecision.Fp16 && device.type != DeviceType.CUDA)
        {
            throw new InvalidOperationException($"precision fp16 needs a CUDA device, and this trial trains on {device}; use precision bf16 on the CPU (or device cuda).");
        }

        // Parameters are matched by name: casting the model replaces the C# objects the groups hold.
        var names = model.named_parameters().ToDictionary(p => p.parameter.Handle, p => p.name);
        var masters = new List<(string Name, Parameter Master)>();
        var masterGroups = new List<ParameterGroup>();
        foreach (var group in groups)
        {
            var copies = new List<Parameter>();
            foreach (var parameter in group.Parameters)
            {
                var master = new Parameter(parameter.detach().to(ScalarType.Float32).clone(), requires_grad: true);
                masters.Add((names[parameter.Handle], master));
                copies.Add(master);
            }

            masterGroups.Add(new ParameterGroup(copies, group.Scale));
        }

        model.to(precision == TrainingPrecision.Bf16 ? ScalarType.BFloat16 : ScalarType.Float16);
        return new LowPrecisionTraining(model, precision == TrainingPrecision.Bf16 ? ScalarType.BFloat16 : ScalarType.Float16, masters, masterGroups);
    }

    /// <summary>The batch in the model's type.</summary>
    public Tensor Input(Tensor images) => images.to(_type);

    /// <summary>The loss to call backward on: scaled for float16.</summary>
    public Tensor Scaled(Tensor loss)
    {
        if (_lossScale == 1.0)
        {
            return loss;
        }

        // Held for the call: an implicit Scalar can be freed by its finalizer while LibTorch reads it (DEVELOPERS.md).
        using var scale = _lossScale.ToScalar();
        return loss.mul(scale);
    }

    /// <summary>
    /// Moves the model's gradients into the masters' (in fp32, unscaled) and clears the model's.
    /// False when a scaled float16 gradient overflowed: the step is to be skipped (the scale is halved).
    /// </summary>
    public bool TakeGradients()
    {
        var finite = new List<Tensor>();
        for (var i = 0; i < _masters.Count; i++)
        {
            using var grad = _working[i].grad;
            if (grad is null)
            {
                _masters[i].Master.grad = null;
                continue;
            }

            var full = grad.to(ScalarType.Float32);
            if (_lossScale != 1.0)
            {
                using var scale = _lossScale.ToScalar();
                full = full.div_(scale);
                finite.Add(full.isfinite().all());
            }

            _masters[i].Master.grad = full;
            _working[i].grad = null;
        }

        if (_lossScale == 1.0)
        {
            return true;
        }

        // One synchronisation per step, as GradScaler's found_inf check.
        if (finite.Count > 0 && !stack(finite).all().item<bool>())
        {
            _lossScale /= 2;
            _cleanSteps = 0;
            foreach (var (_, master) in _masters)
            {
                master.grad = null;
            }

            return false;
        }

        if (++_cleanSteps == GrowthInterval)
        {
            _lossScale *= 2;
            _cleanSteps = 0;
        }

        return true;
    }

    /// <summary>Copies the updated masters into the model, in its type.</summary>
    public void PublishWeights()
    {
        using var noGrad = no_grad();
        for (var i = 0; i < _masters.Count; i++)
        {
            _working[i].copy_(_masters[i].Master);
        }
    }

    /// <summary>Casts the model back to fp32 and gives it the masters' values (not the rounded ones it trained with); idempotent.</summary>
    public void Restore()
    {
        if (_restored)
        {
            return;
        }

        _restored = true;
        _model.to(ScalarType.Float32);
        _working = WorkingParameters();
        using var noGrad = no_grad();
        for (var i = 0; i < _masters.Count; i++)
        {
            _working[i].copy_(_masters[i].Master);
        }
    }

    public void Dispose()
    {
        foreach (var (_, master) in _masters)
        {
            master.Dispose();
        }
    }

    private List<Parameter> WorkingParameters()
    {
        var byName = _model.named_parameters().ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal);
        return [.. _masters.Select(m => byName[m.Name])];
    }
}
