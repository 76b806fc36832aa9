using System.Collections.Immutable;
using System.Globalization;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Semantics;

/// <summary>
/// A value the checker computes: a parameter's value at one point of the space, a layer's
/// argument, a bound. Values are immutable and compare by value.
/// </summary>
public abstract record Value
{
    /// <summary>The value as a spec would write it.</summary>
    public abstract string Display { get; }

    /// <inheritdoc />
    public sealed override string ToString() => Display;

    /// <summary>The number this value holds, if it is an int or a float.</summary>
    public double? AsNumber => this switch
    {
        IntValue i => i.Value,
        FloatValue f => f.Value,
        _ => null,
    };

    internal static string FormatNumber(double value) =>
        Math.Abs(value) is >= 1e-4 and < 1e7 or 0
            ? value.ToString("0.##########", CultureInfo.InvariantCulture)
            : value.ToString("0.###e0", CultureInfo.InvariantCulture);
}

/// <summary>A whole number.</summary>
public sealed record IntValue(long Value) : Value
{
    /// <inheritdoc />
    public override string Display => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A real number.</summary>
public sealed record FloatValue(double Value) : Value
{
    /// <inheritdoc />
    public override string Display => FormatNumber(Value);
}

/// <summary>true or false.</summary>
public sealed record BoolValue(bool Value) : Value
{
    /// <summary>The value true.</summary>
    public static readonly BoolValue True = new(true);

    /// <summary>The value false.</summary>
    public static readonly BoolValue False = new(false);

    /// <inheritdoc />
    public override string Display => Value ? "true" : "false";
}

/// <summary>Text.</summary>
public sealed record StringValue(string Value) : Value
{
    /// <inheritdoc />
    public override string Display => "\"" + Value + "\"";
}

/// <summary>A member of a generated enum: one of the bare names of a <c>choice</c>.</summary>
public sealed record EnumValue(string Member) : Value
{
    /// <inheritdoc />
    public override string Display => Member;
}

/// <summary>A name with a fixed meaning for an argument or setting, such as <c>same</c>.</summary>
public sealed record KeywordValue(string Keyword) : Value
{
    /// <inheritdoc />
    public override string Display => Keyword;
}

/// <summary>A list.</summary>
public sealed record ListValue(ImmutableArray<Value> Items) : Value
{
    /// <inheritdoc />
    public override string Display => "[" + string.Join(", ", Items.Select(i => i.Display)) + "]";

    /// <inheritdoc />
    public bool Equals(ListValue? other) => other is not null && Items.SequenceEqual(other.Items);

    /// <inheritdoc />
    public override int GetHashCode() => Items.Aggregate(17, (hash, item) => (hash * 31) + item.GetHashCode());
}

/// <summary>An integer range; <see cref="End"/> is exclusive.</summary>
public sealed record RangeValue(long Start, long End) : Value
{
    /// <inheritdoc />
    public override string Display => $"{Start} ..< {End}";
}

/// <summary>An amount with a unit: <c>3 epochs</c>, <c>500 steps</c>, <c>10%</c>.</summary>
public sealed record QuantityValue(double Amount, QuantityUnit Unit) : Value
{
    /// <inheritdoc />
    public override string Display => Unit switch
    {
        QuantityUnit.Percent => FormatNumber(Amount) + "%",
        QuantityUnit.Steps => FormatNumber(Amount) + " steps",
        _ => FormatNumber(Amount) + (Amount == 1 ? " epoch" : " epochs"),
    };
}

/// <summary>Wall-clock time.</summary>
public sealed record DurationValue(TimeSpan Value) : Value
{
    /// <inheritdoc />
    public override string Display => Value.ToString("c", CultureInfo.InvariantCulture);
}

/// <summary>The value of a conditional parameter where its condition does not hold.</summary>
public sealed record InactiveValue : Value
{
    /// <summary>The one instance.</summary>
    public static readonly InactiveValue Instance = new();

    /// <inheritdoc />
    public override string Display => "(inactive)";
}

/// <summary>A value the checker does not compute, such as an optimizer object.</summary>
public sealed record OpaqueValue(string Description) : Value
{
    /// <inheritdoc />
    public override string Display => Description;
}
