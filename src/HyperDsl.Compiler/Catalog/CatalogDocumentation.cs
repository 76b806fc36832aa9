using System.Text;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Catalog;

/// <summary>Renders the built-in catalogue as Markdown: docs/catalog.md is this output, kept in step by a test.</summary>
public static class CatalogDocumentation
{
    /// <summary>The whole catalogue page.</summary>
    public static string Render()
    {
        var builder = new StringBuilder();
        builder.Append("# Catalogue\n\n");
        builder.Append("Every built-in name of the language, generated from the compiler's one table\n");
        builder.Append("(`src/HyperDsl.Compiler/Catalog/BuiltinCatalog.cs`), which the checker and the code generator read too.\n");
        builder.Append("Arguments are listed in positional order; `name: default` marks an optional one. Do not edit this\n");
        builder.Append("file by hand: run the tests with `HYP_UPDATE_BASELINES=1` after changing the catalogue.\n");
        foreach (var section in new[] { SectionKind.Data, SectionKind.Train, SectionKind.Tune })
        {
            builder.Append($"\n## `{section.ToString().ToLowerInvariant()}` settings\n\n| setting | takes | required | what it does |\n|---|---|---|---|\n");
            foreach (var setting in BuiltinCatalog.Settings.Values.Where(s => s.Section == section).OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                var takes = setting.IsBlock ? "`{ ... }`" : string.Join(", ", setting.Arguments.Select(Describe));
                builder.Append($"| `{setting.Name}` | {takes} | {(setting.Required ? "yes" : "")} | {setting.Summary} |\n");
            }
        }

        foreach (var kind in Enum.GetValues<EntryKind>())
        {
            builder.Append($"\n## {Title(kind)}\n\n| name | arguments | what it does | example |\n|---|---|---|---|\n");
            foreach (var entry in BuiltinCatalog.Entries.Values.Where(e => e.Kind == kind).OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                var arguments = entry.Parameters.IsEmpty ? "" : string.Join(", ", entry.Parameters.Select(Describe));
                var tasks = entry.Tasks.IsEmpty ? "" : $" Only under {string.Join(" or ", entry.Tasks.Select(t => $"'task {t}'"))}.";
                var example = BuiltinCatalog.ExampleOf(entry.Name) is { } written ? $"`{written}`" : "";
                builder.Append($"| `{entry.Name}` | {arguments} | {entry.Summary}{tasks} | {example} |\n");
            }
        }

        builder.Append("\n## Metrics\n\nReported by the trainer each epoch, for objectives, early stopping and pruners: ");
        builder.Append(string.Join(", ", BuiltinCatalog.ReportedMetrics.Select(m => $"`{m}`")));
        builder.Append(". Known without training, for constraints and objectives: ");
        builder.Append(string.Join(", ", BuiltinCatalog.StaticMetrics.Select(m => $"`{m}`")));
        builder.Append(".\n");
        return builder.ToString();
    }

    private static string Describe(ArgSpec argument)
    {
        var text = argument.Required || argument.Variadic ? $"`{argument.Name}`" : $"`{argument.Name}: {argument.Default?.Display ?? "none"}`";
        if (argument.Variadic)
        {
            text += "...";
        }

        var details = argument.Describe();
        if (argument.Range is { } range)
        {
            details += ", " + range.Describe();
        }

        return $"{text} ({details})";
    }

    private static string Title(EntryKind kind) => kind switch
    {
        EntryKind.Distribution => "Distributions (`params`)",
        EntryKind.DataSource => "Data sources (`source`, `validation`, `test`)",
        EntryKind.Transform => "Transforms (`augment { }`, `evaluate { }`)",
        EntryKind.Layer => "Layers (`model`, blocks)",
        EntryKind.Backbone => "Backbones (`model`)",
        EntryKind.Loss => "Losses (`loss`)",
        EntryKind.Optimizer => "Optimizers (`optimizer`)",
        EntryKind.Schedule => "Schedules (`schedule`; compose with `then`)",
        EntryKind.Sampler => "Samplers (`sampler`)",
        EntryKind.Pruner => "Pruners (`pruner`)",
        _ => "Functions (any expression)",
    };
}
