using HyperDsl.Compiler.Emit;
using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Checking;

/// <summary>
/// Checks the C# names that the experiments of a compilation will generate
/// (<see cref="GeneratedLayout"/>), so that <c>hyp check</c> fails wherever <c>hyp compile</c>
/// would: two experiments that generate one file (HYP5005), two spec names that become one C#
/// name in one scope (HYP5003), a spec name that takes a name the generated type already has
/// (HYP5004). Each clash is reported once, at the later of its names, naming the other.
/// </summary>
internal static class GeneratedNameChecker
{
    public static void Check(IReadOnlyList<BoundExperiment> experiments, List<Diagnostic> diagnostics)
    {
        var layouts = experiments.Select(GeneratedLayout.Of).ToList();
        var order = new Dictionary<BoundExperiment, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < experiments.Count; i++)
        {
            order[experiments[i]] = i;
        }

        var reported = new HashSet<(SourceSpan, SourceSpan)>();

        // Experiments that share a file clash in every type too: that is said once, here.
        var clashing = new HashSet<(int, int)>();
        foreach (var group in layouts.Select((layout, i) => (Layout: layout, Experiment: experiments[i])).GroupBy(l => l.Layout.FileName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var later in group.Skip(1))
            {
                clashing.Add((order[first.Experiment], order[later.Experiment]));
                clashing.Add((order[later.Experiment], order[first.Experiment]));
                var name = later.Experiment.Experiment.Syntax.Name;
                var other = first.Experiment.Experiment.Syntax.Name;
                var files = later.Layout.FileName == first.Layout.FileName
                    ? SameGeneratedFile(later.Layout.FileName, later.Layout.Name)
                    : GeneratedFilesDifferInCase(other.Name, first.Layout.FileName, name.Name, later.Layout.FileName);
                diagnostics.Add(GeneratedFileCollision(name.Span, name.Name, other.Name, other.Span, files));
            }
        }

        var scopes = layouts.SelectMany(l => l.Names)
            .GroupBy(n => (Experiment: n.Scope.StartsWith("namespace ", StringComparison.Ordinal) ? -1 : order[n.Experiment], n.Scope, n.CSharp))
            .Where(g => g.Count() > 1);
        foreach (var group in scopes)
        {
            var specNames = group.Where(n => n.Span is not null)
                .OrderBy(n => order[n.Experiment]).ThenBy(n => n.Span!.Value.File.Path, StringComparer.Ordinal).ThenBy(n => n.Span!.Value.Range.Start)
                .DistinctBy(n => n.Span)
                .ToList();
            if (group.FirstOrDefault(n => n.Span is null) is { } generated)
            {
                foreach (var name in specNames.Where(n => reported.Add((n.Span!.Value, n.Span!.Value))))
                {
                    diagnostics.Add(ReservedCSharpName(name.Span!.Value, name.What, name.CSharp, name.Scope, generated.What));
                }

                continue;
            }

            var first = specNames.FirstOrDefault();
            foreach (var later in specNames.Skip(1))
            {
                if (clashing.Contains((order[first!.Experiment], order[later.Experiment])) || !reported.Add((first.Span!.Value, later.Span!.Value)))
                {
                    continue;
                }

                diagnostics.Add(CSharpNameCollision(later.Span!.Value, later.What, first.What, first.Span!.Value, later.CSharp, later.Scope));
            }
        }
    }
}
