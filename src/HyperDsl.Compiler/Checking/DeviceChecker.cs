using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Checking;

/// <summary>
/// Checks the <c>device</c> setting: it names a device, either by keyword or as a list of CUDA
/// devices given by constant, distinct indices, and <c>parallel</c> runs at least one trial on
/// each listed device. Whether the devices exist is known only on the machine that runs the
/// study, which checks it before any trial starts.
/// </summary>
internal sealed class DeviceChecker(EffectiveExperiment experiment, SemanticModel model, List<Diagnostic> diagnostics)
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
            diagnostics.Add(Create(DeviceListInvalidDescriptor, setting.Span,
                "'device' names no device.",
                "Write 'device auto', 'device cpu', 'device cuda', or the GPUs to use: 'device cuda: 0' or 'device cuda: 0, cuda: 1'."));
            return;
        }

        if (devices.Keyword is { } keyword && !devices.Indices.IsEmpty)
        {
            diagnostics.Add(Create(DeviceListInvalidDescriptor, keyword.Span,
                $"'device' names '{keyword.Name}' and CUDA devices by index; a study trains either where a keyword says or on the listed GPUs.",
                $"Write 'device {keyword.Name}', or list the GPUs alone: 'device {string.Join(", ", devices.Indices.Select(i => $"cuda: {Text(i.Value)}"))}'."));
            return;
        }

        var seen = new HashSet<long>();
        foreach (var (value, index) in devices.Indices)
        {
            if (index is null)
            {
                diagnostics.Add(Create(DeviceListInvalidDescriptor, value.Span,
                    $"The device index '{Text(value)}' is not a constant int; the devices are fixed for the whole study, before any parameter is sampled.",
                    "Write the GPU's number, such as 'cuda: 1'."));
            }
            else if (!seen.Add(index.Value))
            {
                diagnostics.Add(Create(DeviceListInvalidDescriptor, value.Span,
                    $"'cuda: {index}' is listed twice; each listed GPU runs one parallel trial.",
                    "List each GPU once; to run several trials on one GPU, set 'parallel' in the tune section above the number of GPUs."));
            }
        }

        if (devices.CudaDevices.Length > 1
            && experiment.Setting(SectionKind.Tune, "parallel") is ValueSettingSyntax { Arguments: [var parallel, ..] }
            && ConstantFolder.TryFold(parallel.Value, model) is IntValue trials && trials.Value < devices.CudaDevices.Length)
        {
            diagnostics.Add(Create(FewerParallelTrialsThanDevicesDescriptor, parallel.Value.Span,
                $"'parallel {trials.Value}' runs fewer trials at once than the {devices.CudaDevices.Length} GPUs 'device' lists, so some of them would stay idle.",
                $"Set 'parallel {devices.CudaDevices.Length}' (or leave it out: a device list runs one trial per GPU), or list only the GPUs to use."));
        }
    }

    private static string Text(ExpressionSyntax value) => ExpressionBinder.Shorten(value);
}
