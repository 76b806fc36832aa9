namespace HyperDsl.Runtime;

/// <summary>
/// How LibTorch's OpenMP threads (its bundled libgomp) wait between parallel regions. Spinning
/// keeps them quick to start the next operation on an idle machine, but on cores shared with
/// other busy processes a spinning thread burns the time slice that the thread it waits for
/// needs, and training collapses (several times slower).
/// </summary>
public enum OpenMpWaitPolicy
{
    /// <summary>
    /// Passive, whatever the load at start-up: on idle cores it costs about 1% against spinning,
    /// beside a busy process it keeps about 55% of the idle rate (bench/README.md).
    /// </summary>
    Auto,

    /// <summary>libgomp's own default, unchanged: spin about 300,000 rounds (a few milliseconds) before sleeping.</summary>
    Active,

    /// <summary>Sleep at once (<c>OMP_WAIT_POLICY=PASSIVE</c>): steady on shared cores, a little slower on idle ones.</summary>
    Passive,
}
