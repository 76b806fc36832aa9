using System.Collections.Immutable;

namespace HyperDsl.Compiler.Semantics;

/// <summary>The values a parameter of the search space can take.</summary>
public abstract record ParameterDomain
{
    /// <summary>True when the values can be listed (ints and choices), false for continuous ranges.</summary>
    public abstract bool IsFinite { get; }

    /// <summary>The values, when finite.</summary>
    public abstract IEnumerable<Value> Values { get; }

    /// <summary>The number of values, when finite.</summary>
    public abstract long Count { get; }

    /// <summary>A few values spread over the domain, for checks that cannot list every value.</summary>
    public abstract IEnumerable<Value> Representatives { get; }

    /// <summary>How the domain is shown in <c>hyp check</c>'s summary.</summary>
    public abstract string Describe();
}

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

/// <summary>One of listed values.</summary>
public sealed record CategoricalDomain(ImmutableArray<Value> Choices) : ParameterDomain
{
    /// <inheritdoc />
    public override bool IsFinite => true;

    /// <inheritdoc />
    public override long Count => Choices.Length;

    /// <inheritdoc />
    public override IEnumerable<Value> Values => Choices;

    /// <inheritdoc />
    public override IEnumerable<Value> Representatives => Choices;

    /// <inheritdoc />
    public override string Describe() => $"choice {{{string.Join(", ", Choices.Select(c => c.Display))}}}";

    /// <inheritdoc />
    public bool Equals(CategoricalDomain? other) => other is not null && Choices.SequenceEqual(other.Choices);

    /// <inheritdoc />
    public override int GetHashCode() => Choices.Length;
}

/// <summary>A fixed or derived value: one value at each point, computed from the expression.</summary>
public sealed record DerivedDomain(Syntax.Ast.ExpressionSyntax Expression) : ParameterDomain
{
    /// <inheritdoc />
    public override bool IsFinite => true;

    /// <inheritdoc />
    public override long Count => 1;

    /// <inheritdoc />
    public override IEnumerable<Value> Values => [];

    /// <inheritdoc />
    public override IEnumerable<Value> Representatives => [];

    /// <inheritdoc />
    public override string Describe() => "= " + Expression.Span.Text;
}
