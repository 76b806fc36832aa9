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
    private readonly Suggestions _suggestions;
    private bool _extendsTooDeepReported;

    public ExperimentResolver(IReadOnlyDictionary<string, ExperimentSyntax> experiments, ImmutableDictionary<string, BlockSymbol> blocks, List<Diagnostic> diagnostics, Suggestions suggestions)
    {
        _suggestions = suggestions;
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
                _diagnostics.Add(UnknownParent(parentName.Span, current.Name.Name, parentName.Name, _suggestions.Help(parentName.Name, _experiments.Keys)));
                return null;
            }

            if (chain.Contains(parent))
            {
                // Reported once, by the member of the cycle declared first.
                var cycle = chain.SkipWhile(e => e != parent).ToList();
                if (cycle.MinBy(e => (e.Span.File.Path, e.Span.Range.Start)) == experiment)
                {
                    _diagnostics.Add(ExtendsCycle(parentName.Span, current.Name.Name, parentName.Name, cycle.Select(e => e.Name.Name).Append(parent.Name.Name)));
                }

                return null;
            }

            chain.Add(parent);
            current = parent;
            if (chain.Count > CheckLimits.MaxExtendsDepth + 1)
            {
                // Each level is merged into the next; a chain this long is no design, and every
                // experiment along it would be resolved again. Said once per file: the experiments
                // further down the same chain are refused too, without a thousand more errors.
                if (_extendsTooDeepReported)
                {
                    return null;
                }

                _extendsTooDeepReported = true;
                var names = chain.Select(e => e.Name.Name).ToList();
                _diagnostics.Add(ExtendsTooDeep(experiment.Parent!.Span, experiment.Name.Name, names, chainGoesOn: current.Parent is not null));
                return null;
            }
        }

        chain.Reverse();
        var parameters = new List<ParameterSyntax>();

        // Where each name first stands in the list, and which level put it there: found in
        // constant time, since a hostile level may declare tens of thousands of parameters.
        var firstByName = new Dictionary<string, (int Index, ExperimentSyntax Owner)>(StringComparer.Ordinal);
        var constraints = new List<RequireSyntax>();
        ModelSectionSyntax? model = null;
        var settings = new Dictionary<SectionKind, List<SettingSyntax>>();
        var levelSettings = new Dictionary<SectionKind, List<SettingSyntax>>();
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
                                if (firstByName.TryGetValue(parameter.Name.Name, out var existing) && level != chain[0] && !ReferenceEquals(existing.Owner, level))
                                {
                                    parameters[existing.Index] = parameter;
                                    firstByName[parameter.Name.Name] = (existing.Index, level);
                                }
                                else
                                {
                                    firstByName.TryAdd(parameter.Name.Name, (parameters.Count, level));
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
                        (levelSettings.TryGetValue(settingsSection.Kind, out var own) ? own : levelSettings[settingsSection.Kind] = []).AddRange(settingsSection.Settings);
                        break;
                }
            }

            // A child's setting replaces the parent's of that name; try points add up. Applied once per
            // level and kind, not per section: a hostile spec may repeat a section ten thousand times.
            foreach (var (kind, own) in levelSettings)
            {
                var list = settings.TryGetValue(kind, out var l) ? l : settings[kind] = [];
                if (level != chain[0])
                {
                    var replaced = own.Where(s => s is not TrySettingSyntax).Select(s => s.Name.Name).ToHashSet(StringComparer.Ordinal);
                    list.RemoveAll(s => replaced.Contains(s.Name.Name));
                }

                list.AddRange(own);
            }

            levelSettings.Clear();
        }

        return new EffectiveExperiment(
            experiment,
            [.. parameters],
            [.. constraints],
            model,
            settings.ToImmutableDictionary(p => p.Key, p => p.Value.ToImmutableArray()),
            _blocks);
    }
}
