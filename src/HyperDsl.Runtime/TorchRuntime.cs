using HyperDsl.Runtime.Native;
using TorchSharp;

namespace HyperDsl.Runtime;

/// <summary>
/// Process-wide set-up of LibTorch. Call <see cref="Initialize"/> once at start-up, before
/// any tensor is made (the trainer and the data loaders call <see cref="EnsureInitialized"/>,
/// which applies the defaults if nobody did). Thread-safe.
/// </summary>
public static class TorchRuntime
{
    /// <summary>The environment variable that turns malloc tuning off when set to 0.</summary>
    public const string MallocTuningVariable = "HYP_MALLOC_TUNING";

    private static readonly Lock Gate = new();
    private static bool _initialized;

    /// <summary>Whether glibc's malloc thresholds were changed in this process.</summary>
    public static bool MallocTuned { get; private set; }

    /// <summary>The device chosen by the last <see cref="Initialize"/>.</summary>
    public static torch.Device Device { get; private set; } = torch.CPU;

    /// <summary>
    /// Applies <paramref name="options"/>: malloc tuning (first call only: it must precede
    /// LibTorch's allocations to matter), the thread count and the device. Returns the device.
    /// </summary>
    public static torch.Device Initialize(RuntimeOptions? options = null)
    {
        options ??= RuntimeOptions.Default;
        lock (Gate)
        {
            if (!_initialized && options.TuneMalloc && Environment.GetEnvironmentVariable(MallocTuningVariable) != "0")
            {
                MallocTuned = LinuxMalloc.Tune();
            }

            _initialized = true;
            if (options.Threads is { } threads)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1, nameof(options));
                torch.set_num_threads(threads);
            }

            Device = ResolveDevice(options.Device);
            return Device;
        }
    }

    /// <summary>Applies the defaults unless <see cref="Initialize"/> has already run.</summary>
    public static void EnsureInitialized()
    {
        lock (Gate)
        {
            if (_initialized)
            {
                return;
            }
        }

        Initialize();
    }

    /// <summary>Seeds LibTorch's global generators (CPU and CUDA): call before building a model so its initial weights repeat.</summary>
    public static void Seed(long seed)
    {
        EnsureInitialized();
        torch.manual_seed(seed);
        if (torch.cuda.is_available())
        {
            torch.cuda.manual_seed_all(seed);
        }
    }

    /// <summary>Maps a device choice to a LibTorch device.</summary>
    public static torch.Device ResolveDevice(DeviceChoice choice) => choice switch
    {
        DeviceChoice.Cpu => torch.CPU,
        DeviceChoice.Cuda when torch.cuda.is_available() => torch.CUDA,
        DeviceChoice.Cuda => throw new InvalidOperationException(
            "The device 'cuda' was asked for, but LibTorch sees no CUDA device. Build with -p:HypTorchBackend=cuda on a machine with an NVIDIA GPU and driver, or use device 'auto' or 'cpu'."),
        _ => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
    };
}
