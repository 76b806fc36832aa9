using System.Diagnostics;
using HyperDsl.Runtime.Training;

namespace HyperDsl.Bench.Training;

/// <summary>
/// Adds up the time of each <see cref="StepPhase"/> over the steps after the first <paramref name="warmupSteps"/>
/// (which pay for JIT compilation and LibTorch's first allocations). The runtime's trainer marks the phases through
/// <see cref="IStepProfiler"/>; the hand-written loop calls the same marks at the same boundaries.
/// Each phase gets its wall time and the process's CPU time (<see cref="ProcessCpuClock"/>).
/// </summary>
internal sealed class PhaseClock(int warmupSteps) : IStepProfiler
{
    private readonly long[] _ticks = new long[Enum.GetValues<StepPhase>().Length];
    private readonly long[] _cpu = new long[Enum.GetValues<StepPhase>().Length];
    private long _last;
    private long _lastCpu;
    private int _steps;
    private int _evaluations;

    /// <summary>The steps timed (after the warm-up).</summary>
    public int TimedSteps => Math.Max(0, _steps - warmupSteps);

    public void Begin()
    {
        _last = Stopwatch.GetTimestamp();
        _lastCpu = ProcessCpuClock.Nanoseconds();
    }

    public void Mark(StepPhase phase)
    {
        var now = Stopwatch.GetTimestamp();
        var cpu = ProcessCpuClock.Nanoseconds();
        if (phase == StepPhase.Evaluation || _steps >= warmupSteps)
        {
            _ticks[(int)phase] += now - _last;
            _cpu[(int)phase] += cpu - _lastCpu;
        }

        if (phase == StepPhase.DisposeScope)
        {
            _steps++;
        }
        else if (phase == StepPhase.Evaluation)
        {
            _evaluations++;
        }

        _last = now;
        _lastCpu = cpu;
    }

    /// <summary>Milliseconds per timed step of each step phase; evaluation as milliseconds in all (it is not part of a step).</summary>
    public PhaseProfile Result(string side, IReadOnlyDictionary<string, double>? layers = null)
    {
        var perStep = new Dictionary<string, double>(StringComparer.Ordinal);
        var cpuPerStep = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var phase in Enum.GetValues<StepPhase>().Where(p => p != StepPhase.Evaluation))
        {
            perStep[phase.ToString()] = TimedSteps == 0 ? 0 : Milliseconds(_ticks[(int)phase]) / TimedSteps;
            cpuPerStep[phase.ToString()] = TimedSteps == 0 ? 0 : _cpu[(int)phase] / 1e6 / TimedSteps;
        }

        return new PhaseProfile(side, TimedSteps, perStep, cpuPerStep, Milliseconds(_ticks[(int)StepPhase.Evaluation]), _cpu[(int)StepPhase.Evaluation] / 1e6, _evaluations, layers ?? new Dictionary<string, double>());
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
