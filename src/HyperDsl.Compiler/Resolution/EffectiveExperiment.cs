using System.Collections.Immutable;
using HyperDsl.Compiler.Binding;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Resolution;

/// <summary>
/// An experiment with its <c>extends</c> chain applied: parameters replaced by name, settings
/// replaced one by one (<c>try</c> points added), the model taken from the nearest experiment
/// that has one. The syntax nodes are the originals, so every diagnostic points at real text.
/// </summary>
internal sealed record EffectiveExperiment(
    ExperimentSyntax Syntax,
    ImmutableArray<ParameterSyntax> Parameters,
    ImmutableArray<RequireSyntax> Constraints,
    ModelSectionSyntax? Model,
    ImmutableDictionary<SectionKind, ImmutableArray<SettingSyntax>> Settings,
    ImmutableDictionary<string, BlockSymbol> Blocks)
{
    public string Name => Syntax.Name.Name;

    public ImmutableArray<SettingSyntax> SettingsOf(SectionKind section) => Settings.GetValueOrDefault(section, []);

    public SettingSyntax? Setting(SectionKind section, string name) => SettingsOf(section).LastOrDefault(s => s.Name.Name == name);
}
