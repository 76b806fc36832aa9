using HyperDsl.Runtime.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Training;

public sealed class EvaluationBatchTests
{
    [Fact]
    public void On_the_cpu_evaluation_batches_are_no_larger_than_training_batches()
    {
        Assert.Equal(128, EvaluationBatch.Size(1000, 128, CPU));
        Assert.Equal(64, EvaluationBatch.Size(64, 128, CPU));
    }

    [Fact]
    public void On_a_gpu_evaluation_batches_are_as_requested()
    {
        Assert.Equal(1000, EvaluationBatch.Size(1000, 128, new Device(DeviceType.CUDA, 0)));
    }
}
