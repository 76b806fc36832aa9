using System.Diagnostics;
using System.Globalization;
using HyperDsl.Runtime;
using TorchSharp;

namespace HyperDsl.Bench.Training;

/// <summary>
/// Shows whether the OpenMP wait policy reached libgomp: runs a small parallel operation, then
/// sleeps 2 ms, over and over, and prints the process's CPU time per wall second. Threads that
/// keep spinning through the sleeps burn close to one core each; threads that sleep burn almost nothing.
/// </summary>
internal static class SpinCheck
{
    public static int Run(BenchSettings settings, TextWriter output)
    {
        TorchRuntime.Initialize(new RuntimeOptions(DeviceChoice.Cpu, Threads: settings.Threads));
        using var a = torch.rand(1 << 20);
        using (torch.NewDisposeScope())
        {
            _ = (a * 2).sum().item<float>(); // warm-up: starts the OpenMP team
        }

        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var rounds = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            using (torch.NewDisposeScope())
            {
                _ = (a * 2).sum().item<float>();
            }

            Thread.Sleep(2);
            rounds++;
        }

        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds / clock.Elapsed.TotalSeconds;
        var (plan, applied) = TorchRuntime.OpenMpWait!.Value;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{settings.Threads} threads, {rounds} small operations 2 ms apart: {cpu:F2} CPU seconds per wall second. OpenMP wait: {plan.Reason} (applied: {applied})."));
        return 0;
    }
}
