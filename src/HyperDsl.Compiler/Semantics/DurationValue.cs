using System.Globalization;

namespace HyperDsl.Compiler.Semantics;

/// <summary>Wall-clock time.</summary>
public sealed record DurationValue(TimeSpan Value) : Value
{
    /// <inheritdoc />
    public override string Display => Value.ToString("c", CultureInfo.InvariantCulture);
}
