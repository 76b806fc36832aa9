namespace HyperDsl.Compiler.Semantics;

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
