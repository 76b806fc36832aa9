using System.Collections.Immutable;
using HyperDsl.Compiler.Checking;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Compiler;

/// <summary>
/// What checking found about one experiment: its parameters and their domains, the size of its
/// space, the shapes and the ranges of parameter counts and FLOPs, and its strategy. What
/// <c>hyp check</c> summarises.
/// </summary>
/// <param name="Name">The experiment's name.</param>
/// <param name="Location">Where it is declared.</param>
/// <param name="Parameters">Its parameters, inherited ones included.</param>
/// <param name="SpaceSize">The number of distinct points, or null when the space is continuous.</param>
/// <param name="Shapes">What the shape check found, or null when it could not run.</param>
/// <param name="Strategy">The sampler, pruner and budget, as one line.</param>
public sealed record CheckedExperiment(
    string Name,
    SourceSpan Location,
    ImmutableArray<ParameterSummary> Parameters,
    long? SpaceSize,
    ShapeSummary? Shapes,
    string Strategy)
{
    /// <summary>The sampler <c>sampler auto</c> picked for this study and why; null when the spec names its sampler.</summary>
    public Catalog.SamplerPick? PickedSampler { get; init; }

    /// <summary>What the binder built, for the code generator; null when the experiment could not be bound.</summary>
    internal BoundExperiment? Bound { get; init; }

    /// <summary>
    /// What each name, call and layer of the experiment refers to, for tools that point at source
    /// (the language server's hover, go to definition, references and rename); null when the
    /// experiment could not be bound. Inherited syntax (<c>extends</c>) is bound here too.
    /// </summary>
    public Binding.SemanticModel? Semantics => Bound?.Model;

    /// <summary>The experiment's parameters as the binder declared them, inherited ones included; empty when it could not be bound.</summary>
    public IReadOnlyList<Binding.ParameterSymbol> ParameterSymbols => Bound?.Parameters ?? [];

    /// <summary>
    /// The study hash: what a trial means (parameters, constraints, model, data, training,
    /// objectives), ignoring comments, layout and the budget; null when the experiment could not be bound.
    /// </summary>
    public string? StudyHash => Bound is null ? null : Emit.StudyHash.Of(Bound);
}
