using TorchSharp;

namespace HyperDsl.Runtime.Tests;

public sealed class TorchRuntimeTests
{
    [Fact]
    public void Native_LibTorch_loads_and_computes()
    {
        TorchRuntime.EnsureInitialized();
        using var sum = torch.ones(2, 3).sum();
        Assert.Equal(6f, sum.item<float>());
    }

    [Fact]
    public void Malloc_is_tuned_by_default_on_Linux()
    {
        TorchRuntime.EnsureInitialized();
        var disabled = Environment.GetEnvironmentVariable(TorchRuntime.MallocTuningVariable) == "0";
        Assert.Equal(OperatingSystem.IsLinux() && !disabled, TorchRuntime.MallocTuned);
    }

    [Fact]
    public void Thread_count_is_settable()
    {
        var before = torch.get_num_threads();
        try
        {
            TorchRuntime.Initialize(new RuntimeOptions(DeviceChoice.Cpu, Threads: 1));
            Assert.Equal(1, torch.get_num_threads());
        }
        finally
        {
            TorchRuntime.Initialize(new RuntimeOptions(DeviceChoice.Cpu, Threads: before));
        }
    }

    [Fact]
    public void Thread_count_holds_for_threads_started_later()
    {
        // LibTorch applies set_num_threads to each thread when it first runs a parallel operation,
        // so the parallel trials' worker threads get the count StudyRunner sets from its own thread.
        var before = torch.get_num_threads();
        try
        {
            TorchRuntime.Initialize(new RuntimeOptions(DeviceChoice.Cpu, Threads: 1));
            var seen = 0;
            var thread = new Thread(() => seen = torch.get_num_threads());
            thread.Start();
            thread.Join();
            Assert.Equal(1, seen);
        }
        finally
        {
            TorchRuntime.Initialize(new RuntimeOptions(DeviceChoice.Cpu, Threads: before));
        }
    }

    [Fact]
    public void The_OpenMP_wait_plan_is_recorded()
    {
        TorchRuntime.EnsureInitialized();

        Assert.NotNull(TorchRuntime.OpenMpWait);
        Assert.False(string.IsNullOrEmpty(TorchRuntime.OpenMpWait.Value.Plan.Reason));
    }

    [Fact]
    public void Device_auto_is_cuda_exactly_when_cuda_is_available()
    {
        var device = TorchRuntime.ResolveDevice(DeviceChoice.Auto);
        Assert.Equal(torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU, device.type);
        Assert.Equal(DeviceType.CPU, TorchRuntime.ResolveDevice(DeviceChoice.Cpu).type);
    }

    [Fact]
    public void Device_cuda_without_a_gpu_says_how_to_get_one()
    {
        if (torch.cuda.is_available())
        {
            return;
        }

        var error = Assert.Throws<DeviceUnavailableException>(() => TorchRuntime.ResolveDevice(DeviceChoice.Cuda));
        Assert.Contains("HypTorchBackend=cuda", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cuda_index_past_the_devices_present_is_refused_naming_it()
    {
        var past = torch.cuda.is_available() ? torch.cuda.device_count() : 0;

        var error = Assert.Throws<DeviceUnavailableException>(() => TorchRuntime.VerifyCudaDevices([past]));

        Assert.Contains($"'cuda: {past}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cuda_devices_present_pass_the_check()
    {
        var present = torch.cuda.is_available() ? Enumerable.Range(0, torch.cuda.device_count()).ToList() : [];

        TorchRuntime.VerifyCudaDevices(present);

        if (present.Count > 0)
        {
            Assert.Equal(DeviceType.CUDA, TorchRuntime.ResolveDevice(DeviceChoice.Cuda, present[^1]).type);
        }
    }
}
