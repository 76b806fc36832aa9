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
