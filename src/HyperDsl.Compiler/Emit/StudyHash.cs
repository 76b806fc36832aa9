using System.Security.Cryptography;
using System.Text;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Emit;

/// <summary>
/// The hash that ties a study to a spec: over what a trial means (the parameters and constraints,
/// the model and the blocks it may use, the data and train sections, the objectives) as syntax
/// without positions, so comments, layout and the budget (<c>trials</c>, <c>timeout</c>,
/// <c>sampler</c>, <c>pruner</c>, <c>parallel</c>, <c>try</c>) can change without starting a new study.
/// </summary>
internal static class StudyHash
{
    public static string Of(BoundExperiment bound)
    {
        var experiment = bound.Experiment;
        var text = new StringBuilder();
        void Add(string label, IEnumerable<SyntaxNode> nodes)
        {
            text.Append('[').Append(label).Append("]\n");
            foreach (var node in nodes)
            {
                text.Append(SyntaxTreePrinter.Print(node, withSpans: false));
            }
        }

        Add("params", experiment.Parameters);
        Add("require", experiment.Constraints);
        Add("model", experiment.Model is { } model ? [model] : []);
        Add("blocks", experiment.Blocks.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => (SyntaxNode)b.Value.Syntax));
        Add("data", experiment.SettingsOf(SectionKind.Data));
        Add("train", experiment.SettingsOf(SectionKind.Train));
        Add("objective", experiment.SettingsOf(SectionKind.Tune).OfType<ObjectiveSettingSyntax>());
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }
}
