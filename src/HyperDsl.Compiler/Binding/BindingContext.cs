using System.Collections.Immutable;

namespace HyperDsl.Compiler.Binding;

/// <summary>Where an expression is bound: the names in scope and the facts known to hold.</summary>
internal sealed record BindingContext(Scope Scope, ImmutableList<Fact> Facts)
{
    /// <summary>True for an argument whose whole value may be an inactive conditional parameter (an optional argument).</summary>
    public bool InactiveAllowed { get; init; }

    /// <summary>Names that exist but cannot be seen here: an experiment's parameters inside a block.</summary>
    public Scope? HiddenScope { get; init; }

    /// <summary>True where <c>model.params</c> and <c>model.flops</c> may be used (constraints and objectives).</summary>
    public bool ModelStatisticsAllowed { get; init; }

    public BindingContext WithFact(Fact fact) => this with { Facts = Facts.Add(fact), InactiveAllowed = false };
}
