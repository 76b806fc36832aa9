namespace HyperDsl.Runtime.Search.Tpe;

/// <summary>
/// A numeric parameter's range as the models see it: in log space for log scales, widened by half
/// a step at each end for stepped and integer ranges so the end values get a full bin.
/// </summary>
internal readonly record struct NumericDomain(double Low, double High, bool Log, double Step, bool IsInteger = false)
{
    public static NumericDomain ForFloat(double low, double high, bool log, double? step) => new(low, high, log, step ?? 0);

    public static NumericDomain ForInt(long low, long high, bool log, long step) => new(low, high, log, log ? 1 : step, IsInteger: true);

    private double HalfBin => Log && IsInteger ? 0.5 : Step / 2;

    public double ModelLow => Log ? Math.Log(Low - (IsInteger ? 0.5 : 0)) : Low - HalfBin;

    public double ModelHigh => Log ? Math.Log(High + (IsInteger ? 0.5 : 0)) : High + HalfBin;

    public bool Contains(double value) => value >= Low && value <= High;

    public double ToModel(double value) => Log ? Math.Log(value) : value;

    /// <summary>Back from model space to a value the parameter can take: on its grid, inside its range.</summary>
    public double FromModel(double x)
    {
        var value = Log ? Math.Exp(x) : x;
        if (IsInteger && Log)
        {
            return Math.Clamp(Math.Round(value), Low, High);
        }

        if (Step > 0)
        {
            var lastStep = ParameterScale.StepCount(Low, High, Step) - 1;
            return Math.Round(Low + (Math.Clamp(Math.Round((value - Low) / Step), 0, lastStep) * Step), 12);
        }

        return Math.Clamp(value, Low, High);
    }
}
