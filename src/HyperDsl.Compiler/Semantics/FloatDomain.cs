namespace HyperDsl.Compiler.Semantics;

/// <summary>A float range, uniform or on a log scale, optionally quantized.</summary>
public sealed record FloatDomain(double Low, double High, bool Log, double? Step) : ParameterDomain
{
    /// <inheritdoc />
    public override bool IsFinite => Step is not null;

    /// <inheritdoc />
    public override long Count => Step is { } step ? (long)Math.Floor(((High - Low) / step) + 1e-9) + 1 : long.MaxValue;

    /// <inheritdoc />
    public override IEnumerable<Value> Values
    {
        get
        {
            if (Step is not { } step)
            {
                yield break;
            }

            for (long i = 0; i < Count; i++)
            {
                yield return new FloatValue(Math.Round(Low + (i * step), 12));
            }
        }
    }

    /// <inheritdoc />
    public override IEnumerable<Value> Representatives => Step is not null && Count <= 16
        ? Values
        : new[] { Low, Log ? Math.Sqrt(Low * High) : (Low + High) / 2, High }.Select(v => (Value)new FloatValue(v));

    /// <inheritdoc />
    public override string Describe() =>
        $"float {(Log ? "log " : "")}[{Value.FormatNumber(Low)}, {Value.FormatNumber(High)}]" + (Step is { } s ? $" step {Value.FormatNumber(s)} ({Count} values)" : "");
}
