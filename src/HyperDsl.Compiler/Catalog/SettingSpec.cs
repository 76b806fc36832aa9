using System.Collections.Immutable;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Catalog;

/// <summary>A setting of the data, train or tune section: its name, its values and whether it must be given.</summary>
/// <param name="Name">The setting's name.</param>
/// <param name="Section">The section it belongs to.</param>
/// <param name="Arguments">What it takes, positional first; empty for a block setting.</param>
/// <param name="IsBlock">True for <c>name { statements }</c> settings such as <c>augment</c>.</param>
/// <param name="Required">True when every experiment must give it.</param>
/// <param name="Summary">One line for the docs.</param>
public sealed record SettingSpec(string Name, SectionKind Section, ImmutableArray<ArgSpec> Arguments, bool IsBlock, bool Required, string Summary)
{
    /// <summary>
    /// When not empty, the ways the setting may be written: the arguments given (by name, a positional
    /// one by its parameter's) must be exactly one of these sets. <c>normalize</c> takes a preset alone,
    /// or a mean and a std together; any other mix means nothing the runtime can do (HYP1018).
    /// </summary>
    public ImmutableArray<ImmutableArray<string>> Forms { get; init; } = [];

    /// <summary>
    /// True for a setting read once for the whole study, before any trial draws its parameters (the
    /// tune section's budget, sampler, pruner, seed and storage; the training seed), so a sampled
    /// parameter has no value there yet (HYP4093).
    /// </summary>
    public bool FixedForStudy { get; init; }

    /// <summary>How the setting is typically written (<c>epochs 10</c>), which the error for a missing required setting suggests.</summary>
    public string? Example { get; init; }
}
