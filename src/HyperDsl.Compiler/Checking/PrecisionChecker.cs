using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Lowering;
using HyperDsl.Syntax.Diagnostics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Checking;

/// <summary>
/// Checks the <c>precision</c> setting against the device: float16 training needs a loss scale and
/// CUDA's half-precision kernels, so 'precision fp16' with 'device cpu' is refused here rather than
/// in every trial. With 'device auto' the machine decides, and the trainer says so if it has no GPU.
/// </summary>
internal sealed class PrecisionChecker(LoweredExperiment experiment, SemanticModel model, List<Diagnostic> diagnostics)
{
    public void Check()
    {
        if (experiment.Train.Find("precision")?.Argument("precision") is not LoweredKeyword { Keyword: "fp16" } precision)
        {
            return;
        }

        if (DeviceSetting.Read(experiment, model).Keyword is { Keyword: "cpu" })
        {
            diagnostics.Add(HalfPrecisionOnCpu(precision.Span));
        }
    }
}
