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
