namespace HyperDsl.Runtime.Training;

/// <summary>One run of a schedule: asked for the rate at each step, in order, and told each epoch's monitored metric.</summary>
internal interface IScheduleRun
{
    /// <summary>The learning rate for step <paramref name="step"/> (0-based, counted from this schedule's start).</summary>
    double At(long step);

    /// <summary>Reports the monitored metric (validation loss, or training loss without validation) after an epoch.</summary>
    void EndEpoch(double metric);
}
