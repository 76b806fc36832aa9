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

    // Null until Initialize: touching torch.CPU here would load LibTorch (and libgomp, which reads
    // its variables then) before Initialize has put the OpenMP variables into the environment.
    private static torch.Device? _device;

    /// <summary>Whether glibc's malloc thresholds were changed in this process.</summary>
    public static bool MallocTuned { get; private set; }

    /// <summary>
    /// The OpenMP wait plan of the first <see cref="Initialize"/>, and whether its variables reached
    /// libgomp (false when LibTorch was already loaded, or where the native environment cannot be set).
    /// </summary>
    public static (OpenMpWaitPlan Plan, bool Applied)? OpenMpWait { get; private set; }

    /// <summary>The device chosen by the last <see cref="Initialize"/>.</summary>
    public static torch.Device Device => _device ?? torch.CPU;

    /// <summary>
    /// Applies <paramref name="options"/>: malloc tuning and the OpenMP wait policy (first call
    /// only: they must precede LibTorch's loading and allocations to matter), the thread count
    /// and the device. Returns the device.
    /// </summary>
    /// <exception cref="RuntimeSettingException"><c>HYP_OMP_WAIT</c> holds something other than auto, active or passive.</exception>
    public static torch.Device Initialize(RuntimeOptions? options = null)
    {
        options ??= RuntimeOptions.Default;
        lock (Gate)
        {
            if (!_initialized && options.TuneMalloc && Environment.GetEnvironmentVariable(MallocTuningVariable) != "0")
            {
                MallocTuned = LinuxMalloc.Tune();
            }

            if (!_initialized)
            {
                OpenMpWait = ApplyOpenMpWait(options);
            }

            _initialized = true;
            if (options.Threads is { } threads)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1, nameof(options));
                torch.set_num_threads(threads);
            }

            _device = ResolveDevice(options.Device);
            return _device;
        }
    }

    // Sizes the decision by the threads this process will run: the option, OMP_NUM_THREADS, else one per core (LibTorch's default).
    private static (OpenMpWaitPlan Plan, bool Applied) ApplyOpenMpWait(RuntimeOptions options)
    {
        var cores = Environment.ProcessorCount;
        var threads = options.Threads
            ?? (int.TryParse(LinuxEnvironment.Get("OMP_NUM_THREADS"), System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : cores);
        var plan = OpenMpWaitPlan.Decide(options.OpenMpWait, LinuxEnvironment.Get, cores, threads, RunQueue.OtherRunnableThreads());
        if (plan.Variables.Count == 0)
        {
            return (plan, true);
        }

        // libgomp reads its variables when it is loaded, together with LibTorch: later they change nothing.
        if (LoadedLibraries.Contains("libgomp") != false)
        {
            return (plan with { Reason = plan.Reason + "; not applied: LibTorch was loaded before TorchRuntime.Initialize" }, false);
        }

        var applied = plan.Variables.All(v => LinuxEnvironment.Set(v.Key, v.Value));
        return (plan, applied);
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

    /// <summary>
    /// Seeds LibTorch's global generators (CPU and CUDA): call before building a model so its initial weights repeat.
    /// Unseeded, LibTorch's CPU generator starts from a random seed in every process (<c>torch.initial_seed()</c> differs).
    /// </summary>
    public static void Seed(long seed)
    {
        EnsureInitialized();
        torch.manual_seed(seed);
        if (torch.cuda.is_available())
        {
            torch.cuda.manual_seed_all(seed);
        }
    }

    /// <summary>Maps a device choice (and, for CUDA, the device's index: 0 when null) to a LibTorch device.</summary>
    /// <exception cref="DeviceUnavailableException">CUDA was asked for and LibTorch sees no such device.</exception>
    public static torch.Device ResolveDevice(DeviceChoice choice, int? cudaIndex = null) => choice switch
    {
        DeviceChoice.Cpu => torch.CPU,
        DeviceChoice.Cuda => CudaDevice(cudaIndex ?? 0),
        _ => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
    };

    /// <summary>Checks that LibTorch sees each CUDA device of <paramref name="indices"/>, before anything is trained on them.</summary>
    /// <exception cref="DeviceUnavailableException">One of them is not present.</exception>
    public static void VerifyCudaDevices(IEnumerable<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        foreach (var index in indices)
        {
            CudaDevice(index);
        }
    }

    private static torch.Device CudaDevice(int index)
    {
        EnsureInitialized();
        var count = torch.cuda.is_available() ? torch.cuda.device_count() : 0;
        if (index < count)
        {
            return new torch.Device(DeviceType.CUDA, index);
        }

        var present = count == 0
            ? "LibTorch sees no CUDA device here. Build with -p:HypTorchBackend=cuda on a machine with an NVIDIA GPU and driver, or use device 'auto' or 'cpu'"
            : $"this machine has {count} ({string.Join(", ", Enumerable.Range(0, count).Select(i => $"cuda: {i}"))}). List only those";
        throw new DeviceUnavailableException($"The device 'cuda: {index}' was asked for, but {present}.");
    }
}
