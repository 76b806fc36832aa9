namespace HyperDsl.Compiler.Evaluation;

/// <summary>
/// The work checks may do, counted in steps: one per expression node evaluated, one per layer,
/// loop iteration or branch the shape walk goes through, one per parameter of each point
/// enumerated. A real spec needs well under a million; a hostile one could ask for billions
/// (every point of a huge space, each with thousands of layers), so each experiment may spend
/// <see cref="CheckLimits.MaxCheckStepsPerExperiment"/> and the experiments of one file
/// <see cref="CheckLimits.MaxCheckStepsPerFile"/>. Spending past either throws
/// <see cref="CheckBudgetExceededException"/>, which the experiment checker reports (HYP2107).
/// </summary>
internal sealed class CheckBudget
{
    private readonly long _perExperiment;
    private long _fileLeft;
    private long _experimentLeft;

    public CheckBudget(long perExperiment, long perFile)
    {
        _perExperiment = perExperiment;
        _fileLeft = perFile;
        _experimentLeft = perExperiment;
        PerFile = perFile;
    }

    /// <summary>No limit: for constant folding, which only ever sees one expression once.</summary>
    public static CheckBudget Unlimited { get; } = new(long.MaxValue, long.MaxValue);

    /// <summary>The limit for the experiments of one file.</summary>
    public long PerFile { get; }

    /// <summary>The limit for one experiment.</summary>
    public long PerExperiment => _perExperiment;

    /// <summary>What the current experiment may still spend.</summary>
    public long ExperimentLeft => Math.Min(_experimentLeft, _fileLeft);

    /// <summary>Starts counting the checks of a new file's experiments.</summary>
    public void BeginFile() => _fileLeft = PerFile;

    /// <summary>Starts counting a new experiment's checks.</summary>
    public void BeginExperiment() => _experimentLeft = _perExperiment;

    public void Spend(long steps = 1)
    {
        if (ReferenceEquals(this, Unlimited))
        {
            return;
        }

        _experimentLeft -= steps;
        _fileLeft -= steps;
        if (_experimentLeft < 0 || _fileLeft < 0)
        {
            throw new CheckBudgetExceededException(wholeFile: _fileLeft < 0);
        }
    }
}

/// <summary>The checks of an experiment needed more steps than <see cref="CheckBudget"/> allows.</summary>
internal sealed class CheckBudgetExceededException : Exception
{
    public CheckBudgetExceededException(bool wholeFile)
        : base(wholeFile ? "The file's check budget is spent." : "The experiment's check budget is spent.")
    {
        WholeFile = wholeFile;
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

    /// <summary>True when earlier experiments of the same file spent the file's budget.</summary>
    public bool WholeFile { get; }
}
