using System.Collections.Immutable;
using System.Text.RegularExpressions;
using HyperDsl.Compiler.Emit;
using HyperDsl.Compiler.Lowering;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Differencing;

/// <summary>
/// <c>hyp diff</c>'s engine: compares two checked versions of a spec by what they mean (their
/// lowered experiments and study hashes), not by their text, so layout, comments and argument
/// spelling never show as changes.
/// </summary>
public static partial class SpecDiffer
{
    /// <summary>
    /// Compares the experiments of two compilations, paired by name (a file's only experiment
    /// pairs with the other file's only one, as a rename). Both must check without errors.
    /// </summary>
    /// <exception cref="ArgumentException">A compilation has errors.</exception>
    public static SpecDiff Compare(HypCompilation before, HypCompilation after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.HasErrors || after.HasErrors)
        {
            throw new ArgumentException("Only specs without errors can be compared; report their diagnostics instead.");
        }

        var olds = before.Experiments.ToList();
        var news = after.Experiments.ToList();
        var pairs = new List<(CheckedExperiment? Old, CheckedExperiment? New)>();
        foreach (var old in olds.ToList())
        {
            if (news.FirstOrDefault(n => n.Name == old.Name) is { } same)
            {
                pairs.Add((old, same));
                olds.Remove(old);
                news.Remove(same);
            }
        }

        if (olds.Count == 1 && news.Count == 1)
        {
            pairs.Add((olds[0], news[0]));
            olds.Clear();
            news.Clear();
        }

        pairs.AddRange(olds.Select(o => ((CheckedExperiment?)o, (CheckedExperiment?)null)));
        pairs.AddRange(news.Select(n => ((CheckedExperiment?)null, (CheckedExperiment?)n)));
        return new SpecDiff([.. pairs.Select(p => Compare(p.Old, p.New))]);
    }

    /// <summary>Compares one experiment's two versions; either may be missing (added or removed).</summary>
    public static ExperimentDiff Compare(CheckedExperiment? before, CheckedExperiment? after)
    {
        if (before is null && after is null)
        {
            throw new ArgumentException("Give at least one experiment.");
        }

        var oldLowered = before is null ? null : Lower(before);
        var newLowered = after is null ? null : Lower(after);
        var changes = new List<SpecChange>();
        if (oldLowered is not null && newLowered is not null)
        {
            new ExperimentComparison(oldLowered, newLowered, before!.Bound!.Experiment, after!.Bound!.Experiment, changes).Run();
        }

        return new ExperimentDiff(
            before?.Name,
            after?.Name,
            [.. changes],
            oldLowered is null ? null : StudyHash.Of(oldLowered),
            newLowered is null ? null : StudyHash.Of(newLowered),
            before?.Shapes,
            after?.Shapes);
    }

    private static LoweredExperiment Lower(CheckedExperiment experiment) =>
        ExperimentLowerer.Lower(experiment.Bound ?? throw new ArgumentException($"The experiment '{experiment.Name}' could not be bound; only specs without errors can be compared."));

    [GeneratedRegex(@"\$param:""(?:[^""\\]|\\.)*""")]
    private static partial Regex ParameterReferencePattern();

    // One experiment's two versions, section by section.
    private sealed class ExperimentComparison(LoweredExperiment before, LoweredExperiment after, Resolution.EffectiveExperiment oldSyntax, Resolution.EffectiveExperiment newSyntax, List<SpecChange> changes)
    {
        // New parameter reference -> old one, for the parameters renamed, so their uses compare equal.
        private readonly Dictionary<string, string> _renamedReferences = new(StringComparer.Ordinal);

        public void Run()
        {
            Parameters();
            Constraints();
            Model();
            Blocks();
            Settings(DiffSection.Data, before.Data, after.Data);
            Settings(DiffSection.Training, before.Train, after.Train);
            Tuning();
        }

        // New canonical text as the old spec would write it: renamed parameters under their old names.
        private string Normalize(string text) => _renamedReferences.Count == 0
            ? text
            : ParameterReferencePattern().Replace(text, m => _renamedReferences.GetValueOrDefault(m.Value, m.Value));

        private string NewText(LoweredExpression expression) => Normalize(CanonicalText.Of(expression));

        private static string? Condition(LoweredParameter parameter) => parameter.Condition is { } c ? CanonicalText.Of(c) : null;

        private static string Definition(LoweredParameter parameter) => (parameter.IsSampled ? "~ " : "= ") + CanonicalText.Of(parameter.Definition);

        private static string Shown(LoweredParameter parameter) =>
            (parameter.IsSampled ? "~ " : "= ") + DiffText.OneLine(parameter.Definition.Span.Text) + (parameter.Condition is { } c ? " when " + DiffText.OneLine(c.Span.Text) : "");

        private void Parameters()
        {
            var oldByName = before.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
            var newByName = after.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
            var removed = before.Parameters.Where(p => !newByName.ContainsKey(p.Name)).ToList();
            var added = after.Parameters.Where(p => !oldByName.ContainsKey(p.Name)).ToList();

            // A rename is evident when exactly one removed and one added parameter share domain, condition and number of uses.
            var oldText = CanonicalText.Of(before);
            var newText = CanonicalText.Of(after);
            int Uses(string text, string name) => Regex.Count(text, Regex.Escape(CanonicalText.ParameterReference(name)));
            string Identity(LoweredParameter p, string text) => $"{Definition(p)}\n{Condition(p)}\n{Uses(text, p.Name)}";
            var renames = new List<(LoweredParameter Old, LoweredParameter New)>();
            foreach (var old in removed)
            {
                var identity = Identity(old, oldText);
                var candidates = added.Where(a => Identity(a, newText) == identity).ToList();
                if (candidates.Count == 1 && removed.Count(r => Identity(r, oldText) == identity) == 1)
                {
                    renames.Add((old, candidates[0]));
                }
            }

            foreach (var (old, renamed) in renames)
            {
                removed.Remove(old);
                added.Remove(renamed);
                _renamedReferences[CanonicalText.ParameterReference(renamed.Name)] = CanonicalText.ParameterReference(old.Name);
            }

            foreach (var old in before.Parameters)
            {
                if (removed.Contains(old))
                {
                    changes.Add(new SpecChange(DiffSection.Parameters, ChangeKind.Removed, old.Name, null, Shown(old), null));
                }
                else if (renames.FirstOrDefault(r => r.Old == old) is { New: { } renamed })
                {
                    changes.Add(new SpecChange(DiffSection.Parameters, ChangeKind.Renamed, old.Name, null, old.Name, renamed.Name));
                }
                else
                {
                    Parameter(old, newByName[old.Name]);
                }
            }

            changes.AddRange(added.Select(a => new SpecChange(DiffSection.Parameters, ChangeKind.Added, a.Name, null, null, Shown(a))));
        }

        private void Parameter(LoweredParameter old, LoweredParameter now)
        {
            if (Definition(old) != Normalize(Definition(now)))
            {
                // The '~' or '=' only when that is part of the change.
                var prefix = old.IsSampled != now.IsSampled;
                string Domain(LoweredParameter p) => (prefix ? (p.IsSampled ? "~ " : "= ") : "") + DiffText.OneLine(p.Definition.Span.Text);
                changes.Add(new SpecChange(DiffSection.Parameters, ChangeKind.Changed, old.Name, "domain", Domain(old), Domain(now)));
            }

            var newCondition = Condition(now) is { } c ? Normalize(c) : null;
            if (Condition(old) != newCondition)
            {
                static string? When(LoweredParameter p) => p.Condition is { } c ? "when " + DiffText.OneLine(c.Span.Text) : null;
                changes.Add(new SpecChange(DiffSection.Parameters, ChangeKind.Changed, old.Name, "condition", When(old), When(now)));
            }
        }

        private void Constraints()
        {
            var remaining = after.Constraints.ToList();
            var removed = new List<LoweredConstraint>();
            foreach (var old in before.Constraints)
            {
                var text = CanonicalText.Of(old.Condition);
                var match = remaining.FindIndex(c => NewText(c.Condition) == text);
                if (match >= 0)
                {
                    remaining.RemoveAt(match);
                }
                else
                {
                    removed.Add(old);
                }
            }

            changes.AddRange(removed.Select(c => new SpecChange(DiffSection.Constraints, ChangeKind.Removed, "require", null, DiffText.OneLine(c.Condition.Span.Text), null)));
            changes.AddRange(remaining.Select(c => new SpecChange(DiffSection.Constraints, ChangeKind.Added, "require", null, null, DiffText.OneLine(c.Condition.Span.Text))));
        }

        private void Model()
        {
            switch ((before.Model, after.Model))
            {
                case ({ } old, { } now):
                    new StatementAligner(DiffSection.Model, Normalize, changes).Align("model", old, now);
                    break;
                case ({ }, null):
                    changes.Add(new SpecChange(DiffSection.Model, ChangeKind.Removed, "model", null, "model", null));
                    break;
                case (null, { }):
                    changes.Add(new SpecChange(DiffSection.Model, ChangeKind.Added, "model", null, null, "model"));
                    break;
            }
        }

        private void Blocks()
        {
            var newByName = after.Blocks.ToDictionary(b => b.Symbol.Name, StringComparer.Ordinal);
            var oldNames = before.Blocks.Select(b => b.Symbol.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var old in before.Blocks)
            {
                var name = old.Symbol.Name;
                if (!newByName.TryGetValue(name, out var now))
                {
                    changes.Add(new SpecChange(DiffSection.Blocks, ChangeKind.Removed, name, null, Header(old), null));
                    continue;
                }

                if (Signature(old) != Normalize(Signature(now)))
                {
                    changes.Add(new SpecChange(DiffSection.Blocks, ChangeKind.Changed, name, "parameters", Header(old), Header(now)));
                }

                new StatementAligner(DiffSection.Blocks, Normalize, changes).Align($"block {name}", old.Body, now.Body);
            }

            changes.AddRange(after.Blocks.Where(b => !oldNames.Contains(b.Symbol.Name)).Select(b => new SpecChange(DiffSection.Blocks, ChangeKind.Added, b.Symbol.Name, null, null, Header(b))));
        }

        private static string Signature(LoweredBlock block) => string.Join(
            "\n",
            block.Parameters.Select(p => $"{p.Name}:{p.TypeName}{(p.IsOptional ? "?" : "")}={(p.Default is { } d ? CanonicalText.Of(d) : "")}"));

        private static string Header(LoweredBlock block) =>
            $"block {block.Symbol.Name}({string.Join(", ", block.Parameters.Select(p => p.Name + (p.TypeName is { } t ? $": {t}{(p.IsOptional ? "?" : "")}" : "") + (p.Default is { } d ? " = " + DiffText.OneLine(d.Span.Text) : "")))})";

        // Settings by name; a repeated one (augment) pairs up in order.
        private void Settings(DiffSection section, ImmutableArray<LoweredSetting> old, ImmutableArray<LoweredSetting> now)
        {
            var names = old.Select(s => s.Name).Concat(now.Select(s => s.Name)).Distinct(StringComparer.Ordinal);
            foreach (var name in names)
            {
                var olds = old.Where(s => s.Name == name).ToList();
                var news = now.Where(s => s.Name == name).ToList();
                for (var i = 0; i < Math.Max(olds.Count, news.Count); i++)
                {
                    var subject = Math.Max(olds.Count, news.Count) > 1 ? $"{name}[{i + 1}]" : name;
                    if (i >= news.Count)
                    {
                        changes.Add(new SpecChange(section, ChangeKind.Removed, subject, null, DiffText.Setting(olds[i]), null));
                    }
                    else if (i >= olds.Count)
                    {
                        changes.Add(new SpecChange(section, ChangeKind.Added, subject, null, null, DiffText.Setting(news[i])));
                    }
                    else if (olds[i].Body is { } oldBody && news[i].Body is { } newBody)
                    {
                        new StatementAligner(section, Normalize, changes).Align(subject, oldBody, newBody);
                    }
                    else if (CanonicalText.Of(olds[i]) != Normalize(CanonicalText.Of(news[i])))
                    {
                        changes.Add(new SpecChange(section, ChangeKind.Changed, subject, null, DiffText.Setting(olds[i]), DiffText.Setting(news[i])));
                    }
                }
            }
        }

        private void Tuning()
        {
            for (var i = 0; i < Math.Max(before.Objectives.Length, after.Objectives.Length); i++)
            {
                var subject = Math.Max(before.Objectives.Length, after.Objectives.Length) > 1 ? $"objective[{i + 1}]" : "objective";
                static string Shown(LoweredObjective o) => $"{(o.Direction == OptimizationDirection.Maximize ? "maximize" : "minimize")} {DiffText.OneLine(o.Metric.Span.Text)}";
                if (i >= after.Objectives.Length)
                {
                    changes.Add(new SpecChange(DiffSection.Tuning, ChangeKind.Removed, subject, null, Shown(before.Objectives[i]), null));
                }
                else if (i >= before.Objectives.Length)
                {
                    changes.Add(new SpecChange(DiffSection.Tuning, ChangeKind.Added, subject, null, null, Shown(after.Objectives[i])));
                }
                else if (before.Objectives[i].Direction != after.Objectives[i].Direction || CanonicalText.Of(before.Objectives[i].Metric) != NewText(after.Objectives[i].Metric))
                {
                    changes.Add(new SpecChange(DiffSection.Tuning, ChangeKind.Changed, subject, null, Shown(before.Objectives[i]), Shown(after.Objectives[i])));
                }
            }

            Settings(DiffSection.Tuning, before.Tune, after.Tune);

            // 'try' points are not lowered: compared by their text on one line, in order.
            var oldTries = oldSyntax.SettingsOf(SectionKind.Tune).OfType<TrySettingSyntax>().Select(t => DiffText.OneLine(t.Span.Text)).ToList();
            var newTries = newSyntax.SettingsOf(SectionKind.Tune).OfType<TrySettingSyntax>().Select(t => DiffText.OneLine(t.Span.Text)).ToList();
            foreach (var (oldIndex, newIndex) in StatementAligner.EditScript(oldTries, newTries))
            {
                if (oldIndex is { } o && newIndex is null)
                {
                    changes.Add(new SpecChange(DiffSection.Tuning, ChangeKind.Removed, "try", null, oldTries[o], null));
                }
                else if (oldIndex is null && newIndex is { } n)
                {
                    changes.Add(new SpecChange(DiffSection.Tuning, ChangeKind.Added, "try", null, null, newTries[n]));
                }
            }
        }
    }
}
