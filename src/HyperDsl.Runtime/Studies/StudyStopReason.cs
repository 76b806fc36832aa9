namespace HyperDsl.Runtime.Studies;

/// <summary>Why a study run stopped starting trials.</summary>
public enum StudyStopReason
{
    /// <summary>The study has as many trials as asked.</summary>
    BudgetReached,

    /// <summary>The grid's points have all been tried.</summary>
    SpaceExhausted,

    /// <summary>The run's time limit passed.</summary>
    TimedOut,

    /// <summary>Too many trials in a row failed.</summary>
    TooManyFailures,

    /// <summary>The user interrupted it (Ctrl-C).</summary>
    Interrupted,
}
