using System.Text;
using HyperDsl.Compiler.Catalog;

namespace HyperDsl.LanguageServer.Features;

/// <summary>A catalogue entry, argument or setting as Markdown for hover and completion: the catalogue's own text (docs/catalog.md is rendered from the same entries).</summary>
internal static class EntryDocumentation
{
    public static string Of(CatalogEntry entry)
    {
        var builder = new StringBuilder();
        builder.Append("```hyp\n").Append(entry.Signature).Append("\n```\n");
        builder.Append(EntryKinds.Describe(entry.Kind)).Append(": ").Append(entry.Summary);
        if (!entry.Tasks.IsEmpty)
        {
            builder.Append(" Only under ").Append(string.Join(" or ", entry.Tasks.Select(t => $"`task {t}`"))).Append('.');
        }

        builder.Append('\n');
        if (!entry.Parameters.IsEmpty)
        {
            builder.Append('\n');
            foreach (var parameter in entry.Parameters)
            {
                builder.Append("- ").Append(Line(parameter)).Append('\n');
            }
        }

        if (BuiltinCatalog.ExampleOf(entry.Name) is { } example)
        {
            builder.Append("\nExample: `").Append(example).Append("`\n");
        }

        return builder.ToString();
    }

    public static string Of(string owner, ArgSpec argument) =>
        $"```hyp\n{owner}({argument.Name}: ...)\n```\n{Line(argument)}\n";

    public static string Of(SettingSpec setting)
    {
        var builder = new StringBuilder();
        builder.Append("```hyp\n").Append(setting.Example ?? setting.Name).Append("\n```\n");
        builder.Append('`').Append(setting.Section.ToString().ToLowerInvariant()).Append("` setting").Append(setting.Required ? " (required)" : "").Append(": ").Append(setting.Summary).Append('\n');
        foreach (var argument in setting.Arguments)
        {
            builder.Append("- ").Append(Line(argument)).Append('\n');
        }

        return builder.ToString();
    }

    // As docs/catalog.md lists an argument: name and default, what it takes, its range, its summary.
    private static string Line(ArgSpec argument)
    {
        var name = argument.Required || argument.Variadic ? $"`{argument.Name}`" : $"`{argument.Name}: {argument.Default?.Display ?? "none"}`";
        var takes = argument.Describe() + (argument.Range is { } range ? ", " + range.Describe() : "");
        return $"{name}{(argument.Variadic ? "..." : "")} ({takes}) {argument.Summary}".TrimEnd();
    }
}
