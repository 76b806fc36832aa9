using System.Collections.Immutable;

namespace HyperDsl.Compiler.Semantics;

/// <summary>
/// The type of a value in a spec. Types are compared by value; <see cref="ErrorType"/> stands in
/// where a type could not be worked out, and is compatible with everything so that one mistake
/// is reported once.
/// </summary>
public abstract record HypType
{
    /// <summary>How the type is named in messages.</summary>
    public abstract string DisplayName { get; }

    /// <summary>Whether a value of type <paramref name="source"/> may be used where this type is expected.</summary>
    public virtual bool Accepts(HypType source) =>
        source is ErrorType || this is ErrorType || source == this || (this is FloatType && source is IntType);

    /// <inheritdoc />
    public sealed override string ToString() => DisplayName;
}

/// <summary>Whole numbers.</summary>
public sealed record IntType : HypType
{
    /// <summary>The one instance.</summary>
    public static readonly IntType Instance = new();

    /// <inheritdoc />
    public override string DisplayName => "int";
}

/// <summary>Real numbers; an int widens to a float, nothing else converts.</summary>
public sealed record FloatType : HypType
{
    /// <summary>The one instance.</summary>
    public static readonly FloatType Instance = new();

    /// <inheritdoc />
    public override string DisplayName => "float";
}

/// <summary>true and false.</summary>
public sealed record BoolType : HypType
{
    /// <summary>The one instance.</summary>
    public static readonly BoolType Instance = new();

    /// <inheritdoc />
    public override string DisplayName => "bool";
}

/// <summary>Text.</summary>
public sealed record StringType : HypType
{
    /// <summary>The one instance.</summary>
    public static readonly StringType Instance = new();

    /// <inheritdoc />
    public override string DisplayName => "string";
}

/// <summary>An amount of training (<c>3 epochs</c>, <c>500 steps</c>) or a percentage (<c>10%</c>).</summary>
public sealed record QuantityType(Syntax.Ast.QuantityUnit Unit) : HypType
{
    /// <inheritdoc />
    public override string DisplayName => Unit switch
    {
        Syntax.Ast.QuantityUnit.Epochs => "epochs",
        Syntax.Ast.QuantityUnit.Steps => "steps",
        _ => "percentage",
    };
}

/// <summary>Wall-clock time, such as <c>2h</c>.</summary>
public sealed record DurationType : HypType
{
    /// <summary>The one instance.</summary>
    public static readonly DurationType Instance = new();

    /// <inheritdoc />
    public override string DisplayName => "duration";
}

/// <summary>The type of a categorical parameter whose choices are bare names: <c>choice(adam, sgd)</c>.</summary>
/// <param name="Name">The parameter the enum belongs to.</param>
/// <param name="Members">The choices in source order.</param>
public sealed record EnumType(string Name, ImmutableArray<string> Members) : HypType
{
    /// <inheritdoc />
    public override string DisplayName => $"{Name} ({string.Join(" | ", Members)})";

    /// <inheritdoc />
    public bool Equals(EnumType? other) => other is not null && other.Name == Name && other.Members.SequenceEqual(Members);

    /// <inheritdoc />
    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);
}

/// <summary>A list of values of one type.</summary>
public sealed record ListType(HypType Element) : HypType
{
    /// <inheritdoc />
    public override string DisplayName => $"list of {Element.DisplayName}";

    /// <inheritdoc />
    public override bool Accepts(HypType source) =>
        base.Accepts(source) || (source is ListType list && (list.Element is ErrorType || Element.Accepts(list.Element)));
}

/// <summary>An integer range, <c>0 ..&lt; depth</c>, which loops iterate over.</summary>
public sealed record RangeType : HypType
{
    /// <summary>The one instance.</summary>
    public static readonly RangeType Instance = new();

    /// <inheritdoc />
    public override string DisplayName => "range";
}

/// <summary>A name with a fixed meaning for one argument or setting, such as <c>same</c> or <c>imagenet</c>.</summary>
public sealed record KeywordType(string Keyword) : HypType
{
    /// <inheritdoc />
    public override string DisplayName => $"'{Keyword}'";
}

/// <summary>What a catalogue call produces: a distribution, a layer, an optimizer, a schedule, ...</summary>
public sealed record ObjectType(Catalog.EntryKind Kind) : HypType
{
    /// <inheritdoc />
    public override string DisplayName => Catalog.EntryKinds.Describe(Kind);
}

/// <summary>A type that could not be worked out; an error has been reported already.</summary>
public sealed record ErrorType : HypType
{
    /// <summary>The one instance.</summary>
    public static readonly ErrorType Instance = new();

    /// <inheritdoc />
    public override string DisplayName => "unknown";
}
