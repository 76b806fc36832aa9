using System.Collections.Immutable;
using HyperDsl.Compiler.Binding;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Resolution;

/// <summary>Applies <c>extends</c> chains, reporting unknown parents and cycles.</summary>
internal sealed class ExperimentResolver
{
    private readonly IReadOnlyDictionary<string, ExperimentSyntax> _experiments;
    private readonly ImmutableDictionary<string, BlockSymbol> _blocks;
    private readonly List<Diagnostic> _diagnostics;

    public ExperimentResolver(IReadOnlyDictionary<string, ExperimentSyntax> experiments, ImmutableDictionary<string, BlockSymbol> blocks, List<Diagnostic> diagnostics)
    {
        _experiments = experiments;
        _blocks = blocks;
        _diagnostics = diagnostics;
    }

    public EffectiveExperiment? Resolve(ExperimentSyntax experiment)
    {
        var chain = new List<ExperimentSyntax> { experiment };
        for (var current = experiment; current.Parent is { } parentName;)
        {
            if (!_experiments.TryGetValue(parentName.Name, out var parent))
            {
                _diagnostics.Add(Create(UnknownParentDescriptor, parentName.Span,
                    $"'{current.Name.Name}' extends '{parentName.Name}', which is not an experiment of this file or of the files it imports.",
                    Suggestions.Help(parentName.Name, _experiments.Keys)));
                return null;
            }

            if (chain.Contains(parent))
            {
                // Reported once, by the member of the cycle declared first.
                var cycle = chain.SkipWhile(e => e != parent).ToList();
                if (cycle.MinBy(e => (e.Span.File.Path, e.Span.Range.Start)) == experiment)
                {
                    _diagnostics.Add(Create(ExtendsCycleDescriptor, parentName.Span,
                        $"'{current.Name.Name}' extends '{parentName.Name}', which leads back to it: {string.Join(" -> ", cycle.Select(e => e.Name.Name).Append(parent.Name.Name))}."));
                }

                return null;
            }

            chain.Add(parent);
            current = parent;
        }

        chain.Reverse();
        var parameters = new List<ParameterSyntax>();
        var constraints = new List<RequireSyntax>();
        ModelSectionSyntax? model = null;
        var settings = new Dictionary<SectionKind, List<SettingSyntax>>();
        foreach (var level in chain)
        {
            foreach (var section in level.Sections)
            {
                switch (section)
                {
                    case ParamsSectionSyntax parametersSection:
                        foreach (var member in parametersSection.Members)
                        {
                            if (member is ParameterSyntax parameter)
                            {
                                var existing = parameters.FindIndex(p => p.Name.Name == parameter.Name.Name);
                                if (existing >= 0 && level != chain[0] && !ReferenceEquals(FindOwner(chain, parameters[existing]), level))
                                {
                                    parameters[existing] = parameter;
                                }
                                else
                                {
                                    parameters.Add(parameter);
                                }
                            }
                            else if (member is RequireSyntax require)
                            {
                                constraints.Add(require);
                            }
                        }

                        break;
                    case ModelSectionSyntax modelSection:
                        model = modelSection;
                        break;
                    case SettingsSectionSyntax settingsSection:
                        var list = settings.TryGetValue(settingsSection.Kind, out var l) ? l : settings[settingsSection.Kind] = [];
                        var inherited = list.ToList();
                        foreach (var setting in settingsSection.Settings)
                        {
                            // A child's setting replaces the parent's of that name; try points add up.
                            if (setting is not TrySettingSyntax && level != chain[0])
                            {
                                list.RemoveAll(s => s.Name.Name == setting.Name.Name && inherited.Contains(s));
                            }

                            list.Add(setting);
                        }

                        break;
                }
            }
        }

        return new EffectiveExperiment(
            experiment,
            [.. parameters],
            [.. constraints],
            model,
            settings.ToImmutableDictionary(p => p.Key, p => p.Value.ToImmutableArray()),
            _blocks);
    }

    private static ExperimentSyntax? FindOwner(List<ExperimentSyntax> chain, ParameterSyntax parameter) =>
        chain.FirstOrDefault(e => e.Sections.OfType<ParamsSectionSyntax>().Any(s => s.Members.Contains(parameter)));
}
