namespace HyperDsl.Compiler.Evaluation;

/// <summary>
/// The work checks may do, counted in steps: one per expression node evaluated, one per layer,
/// loop iteration or branch the shape walk goes through, one per parameter of each point
/// enumerated. A real spec needs well under a million; a hostile one could ask for billions
/// (every point of a huge space, each with thousands of layers), so each experiment may spend
/// <see cref="CheckLimits.MaxCheckStepsPerExperiment"/> and a whole compilation
/// <see cref="CheckLimits.MaxCheckSteps"/>. Spending past either throws
/// <see cref="CheckBudgetExceededException"/>, which the experiment checker reports (HYP2107).
/// </summary>
internal sealed class CheckBudget
{
    private readonly long _perExperiment;
    private long _totalLeft;
    private long _experimentLeft;

    public CheckBudget(long perExperiment, long total)
    {
        _perExperiment = perExperiment;
        _totalLeft = total;
        _experimentLeft = perExperiment;
        Total = total;
    }

    /// <summary>No limit: for constant folding, which only ever sees one expression once.</summary>
    public static CheckBudget Unlimited { get; } = new(long.MaxValue, long.MaxValue);

    /// <summary>The limit for a whole compilation.</summary>
    public long Total { get; }

    /// <summary>The limit for one experiment.</summary>
    public long PerExperiment => _perExperiment;

    /// <summary>What the current experiment may still spend.</summary>
    public long ExperimentLeft => Math.Min(_experimentLeft, _totalLeft);

    /// <summary>Starts counting a new experiment's checks.</summary>
    public void BeginExperiment() => _experimentLeft = _perExperiment;

    public void Spend(long steps = 1)
    {
        if (ReferenceEquals(this, Unlimited))
        {
            return;
        }

        _experimentLeft -= steps;
        _totalLeft -= steps;
        if (_experimentLeft < 0 || _totalLeft < 0)
        {
            throw new CheckBudgetExceededException(wholeCompilation: _totalLeft < 0);
        }
    }
}

/// <summary>The checks of an experiment needed more steps than <see cref="CheckBudget"/> allows.</summary>
internal sealed class CheckBudgetExceededException : Exception
{
    public CheckBudgetExceededException(bool wholeCompilation)
        : base(wholeCompilation ? "The compilation's check budget is spent." : "The experiment's check budget is spent.")
    {
        WholeCompilation = wholeCompilation;
    }

    public CheckBudgetExceededException()
    {
    }

    public CheckBudgetExceededException(string message)
        : base(message)
    {
    }

    public CheckBudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when earlier experiments of the compilation spent the whole budget.</summary>
    public bool WholeCompilation { get; }
}
