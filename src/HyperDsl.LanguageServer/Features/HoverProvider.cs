using System.Text;
using HyperDsl.Compiler;
using HyperDsl.Compiler.Binding;
using HyperDsl.LanguageServer.Analysis;
using HyperDsl.LanguageServer.Protocol;

namespace HyperDsl.LanguageServer.Features;

/// <summary>
/// <c>textDocument/hover</c>: for a built-in, its catalogue entry (signature, summary, arguments,
/// example: what docs/catalog.md shows); for a named argument or a setting, its line of the
/// catalogue; for a parameter, its type, domain and condition as <c>hyp check --summary</c> shows
/// them; for an experiment, its whole summary.
/// </summary>
internal static class HoverProvider
{
    public static Hover? At(DocumentAnalysis analysis, int offset)
    {
        var target = NameResolver.At(analysis, offset);
        var text = target switch
        {
            EntryTarget entry => EntryDocumentation.Of(entry.Entry),
            ArgumentTarget argument => EntryDocumentation.Of(argument.Owner, argument.Argument),
            SettingTarget setting => EntryDocumentation.Of(setting.Setting),
            SymbolTarget { Symbol: ParameterSymbol parameter } => Parameter(analysis, parameter),
            SymbolTarget { Symbol: BlockSymbol block } => Code(block.Syntax.Span.Text.Split('{')[0].TrimEnd()),
            SymbolTarget { Symbol: BlockParameterSymbol parameter } => Code($"(block parameter) {parameter.Name}: {parameter.Type.DisplayName}"),
            SymbolTarget { Symbol: LoopVariableSymbol variable } => Code($"(loop variable) {variable.Name}: {variable.Type.DisplayName}"),
            ExperimentTarget experiment => Experiment(analysis, experiment),
            ImportTarget import => $"Imports `{import.Path}`.",
            ChoiceMemberTarget choice => NameResolver.ChoicesWith(analysis, choice.Member)
                .Select(c => $"`{choice.Member}`: one of the choices of the parameter `{c.Parameter.Name}` ({string.Join(", ", ((Compiler.Semantics.EnumType)c.Parameter.Type).Members)})").FirstOrDefault(),
            _ => null,
        };
        if (text is null || target is null)
        {
            return null;
        }

        return new Hover(MarkupContent.Markdown(text + Shapes(analysis, target)), LspPositions.ToRange(target.Name));
    }

    // For a layer (a built-in or a block used as one): what it takes and gives, over the space.
    private static string Shapes(DocumentAnalysis analysis, NameTarget target)
    {
        if (target is not (EntryTarget or SymbolTarget { Symbol: BlockSymbol })
            || analysis.Index.Nodes.OfType<Syntax.Ast.LayerSyntax>().FirstOrDefault(l => l.Name.Span == target.Name) is not { } layer
            || analysis.LayerShapes.GetValueOrDefault(layer) is not { Count: > 0 } pairs)
        {
            return "";
        }

        var shown = pairs.Take(Compiler.Checking.LayerShapes.MaxPairs).Select(p => $"`{p.Input}` → `{p.Output}`");
        var more = pairs.Count > Compiler.Checking.LayerShapes.MaxPairs ? ", and more over the space" : "";
        return pairs.Count == 1 ? $"\n\nShapes here: {shown.Single()}" : $"\n\nShapes here: {string.Join("; ", shown)}{more}";
    }

    private static string? Parameter(DocumentAnalysis analysis, ParameterSymbol parameter)
    {
        // An inherited parameter is declared once and bound in each experiment that has it; the first says what it is.
        var summary = analysis.Compilation.Experiments
            .Where(e => e.ParameterSymbols.Any(p => p.Declaration == parameter.Declaration))
            .Select(e => e.Parameters.FirstOrDefault(p => p.Name == parameter.Name))
            .FirstOrDefault(p => p is not null);
        if (summary is null)
        {
            return null;
        }

        var builder = new StringBuilder(Code($"(parameter) {summary.Name}: {summary.Type}"));
        builder.Append("\n\nDomain: `").Append(summary.Domain).Append('`');
        if (summary.Condition is { } condition)
        {
            builder.Append("\n\nOnly when `").Append(condition).Append('`');
        }

        return builder.ToString();
    }

    private static string? Experiment(DocumentAnalysis analysis, ExperimentTarget target) =>
        analysis.Compilation.Experiments.FirstOrDefault(e => e.Location == target.Experiment.Name.Span) is { } experiment
            ? Code(CheckedExperimentFormatter.Format(experiment).TrimEnd())
            : Code($"experiment {target.Experiment.Name.Name}");

    private static string Code(string text) => $"```hyp\n{text}\n```";
}
