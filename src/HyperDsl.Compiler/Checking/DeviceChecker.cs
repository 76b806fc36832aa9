using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Lowering;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Diagnostics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Checking;

/// <summary>
/// Checks the <c>device</c> setting: it names a device, either by keyword or as a list of CUDA
/// devices given by constant, distinct indices, and <c>parallel</c> runs at least one trial on
/// each listed device. Whether the devices exist is known only on the machine that runs the
/// study, which checks it before any trial starts. Reads the lowered experiment, as the emitters do.
/// </summary>
internal sealed class DeviceChecker(LoweredExperiment experiment, SemanticModel model, List<Diagnostic> diagnostics)
{
    public void Check()
    {
        var devices = DeviceSetting.Read(experiment, model);
        if (devices.Setting is not { } setting)
        {
            return;
        }

        if (devices.Keyword is null && devices.Indices.IsEmpty)
        {
            diagnostics.Add(NoDevice(setting.Span));
            return;
        }

        if (devices.Keyword is { } keyword && !devices.Indices.IsEmpty)
        {
            diagnostics.Add(DeviceKeywordWithIndices(keyword.Span, keyword.Keyword, devices.Indices.Select(i => i.Value.Span)));
            return;
        }

        var seen = new HashSet<long>();
        foreach (var (value, index) in devices.Indices)
        {
            if (index is null)
            {
                diagnostics.Add(DeviceIndexNotConstant(value.Span));
            }
            else if (!seen.Add(index.Value))
            {
                diagnostics.Add(DeviceListedTwice(value.Span, index.Value));
            }
        }

        if (devices.CudaDevices.Length > 1
            && experiment.Tune.Find("parallel")?.Value is { } parallel
            && ConstantFolder.TryFold(parallel, model) is IntValue trials && trials.Value < devices.CudaDevices.Length)
        {
            diagnostics.Add(FewerParallelTrialsThanDevices(parallel.Span, trials.Value, devices.CudaDevices.Length));
        }
    }
}
