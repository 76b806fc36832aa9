namespace HyperDsl.Compiler.Semantics;

/// <summary>An integer range, both ends included.</summary>
public sealed record IntDomain(long Low, long High, bool Log, long Step) : ParameterDomain
{
    /// <inheritdoc />
    public override bool IsFinite => true;

    /// <inheritdoc />
    public override long Count => ((High - Low) / Step) + 1;

    /// <inheritdoc />
    public override IEnumerable<Value> Values
    {
        get
        {
            for (var value = Low; value <= High; value += Step)
            {
                yield return new IntValue(value);
            }
        }
    }

    /// <inheritdoc />
    public override IEnumerable<Value> Representatives => Count <= 16 ? Values : new[] { Low, (Low + High) / 2, High }.Select(v => (Value)new IntValue(v));

    /// <inheritdoc />
    public override string Describe() =>
        $"int {(Log ? "log " : "")}{Low}..{High}" + (Step != 1 ? $" step {Step}" : "") + $" ({Count} values)";
}
