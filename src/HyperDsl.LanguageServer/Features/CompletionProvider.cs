using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Semantics;
using HyperDsl.LanguageServer.Analysis;
using HyperDsl.LanguageServer.Protocol;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.LanguageServer.Features;

/// <summary>
/// <c>textDocument/completion</c>: what may be written at the cursor. At the start of a statement,
/// what the block holds (sections in an experiment, the layers, backbones and blocks of a model,
/// the transforms of <c>augment</c>, a section's settings); inside a call, its argument names and
/// then the values an argument takes (its keywords, the built-ins of its kind); after <c>~</c> the
/// distributions; in expressions the parameters (a block body sees its own), loop variables, the
/// members of choices and the functions. Where the cursor is comes from the text before it
/// (<see cref="CompletionContext"/>); names from the last version of the document that parsed.
/// </summary>
internal static class CompletionProvider
{
    private static readonly string[] TopLevelKeywords = ["experiment", "block", "import"];
    private static readonly string[] Sections = ["data", "params", "model", "train", "tune"];
    private static readonly string[] ModelKeywords = ["for", "if", "match", "residual", "freeze", "replace"];

    public static IReadOnlyList<CompletionItem> At(DocumentAnalysis analysis, DocumentAnalysis names, int offset)
    {
        var context = CompletionContext.Before(analysis.Tree.File.Text, offset);
        if (context.Callee is { } callee)
        {
            return InCall(context, callee, names);
        }

        if (context.InBrackets)
        {
            return Expressions(context, names);
        }

        if (context.Matched is { } matched)
        {
            return InMatchArms(context, matched, names);
        }

        return context.Block switch
        {
            BlockKind.TopLevel => context.AtStatementStart ? Keywords(TopLevelKeywords) : [],
            BlockKind.Experiment => context.AtStatementStart ? Keywords(Sections) : [],
            BlockKind.Params => InParams(context, names),
            BlockKind.Model => context.AtStatementStart
                ? [.. Entries(EntryKind.Layer, EntryKind.Backbone), .. Blocks(names), .. Keywords(ModelKeywords)]
                : Expressions(context, names),
            BlockKind.Transforms => context.AtStatementStart ? Entries(EntryKind.Transform) : Expressions(context, names),
            BlockKind.Data => InSettings(context, SectionKind.Data, names),
            BlockKind.Train => InSettings(context, SectionKind.Train, names),
            _ => InSettings(context, SectionKind.Tune, names),
        };
    }

    // An arm's patterns are the matched choice's members; after '=>' comes what the match stands for.
    private static IReadOnlyList<CompletionItem> InMatchArms(CompletionContext context, string matched, DocumentAnalysis names)
    {
        if (!context.Statement.Contains("=>"))
        {
            var members = names.Compilation.Experiments.SelectMany(e => e.ParameterSymbols).Where(p => p.Name == matched)
                .Select(p => p.Type).OfType<EnumType>().SelectMany(t => t.Members).Distinct();
            return [.. members.Select(m => new CompletionItem(m, CompletionItemKinds.EnumMember, $"choice of {matched}")), .. Keywords(["_"])];
        }

        var arm = context with { Statement = context.BeforeMatch ?? [], Matched = null };
        return arm.Block switch
        {
            BlockKind.Model => arm.AtStatementStart ? At(arm) : Expressions(arm, names),
            BlockKind.Data => InSettings(arm, SectionKind.Data, names),
            BlockKind.Train => InSettings(arm, SectionKind.Train, names),
            BlockKind.Tune => InSettings(arm, SectionKind.Tune, names),
            _ => Expressions(arm, names),
        };

        IReadOnlyList<CompletionItem> At(CompletionContext _) => [.. Entries(EntryKind.Layer, EntryKind.Backbone), .. Blocks(names), .. Keywords(ModelKeywords)];
    }

    private static IReadOnlyList<CompletionItem> InParams(CompletionContext context, DocumentAnalysis names)
    {
        if (context.AtStatementStart)
        {
            return Keywords(["require"]);
        }

        return context.Statement[^1] == "~" ? Entries(EntryKind.Distribution) : [.. Expressions(context, names), .. Keywords(["when"])];
    }

    private static IReadOnlyList<CompletionItem> InSettings(CompletionContext context, SectionKind section, DocumentAnalysis names)
    {
        if (context.AtStatementStart)
        {
            return [.. BuiltinCatalog.Settings.Values.Where(s => s.Section == section).OrderBy(s => s.Name, StringComparer.Ordinal)
                .Select(s => new CompletionItem(s.Name, CompletionItemKinds.Property, s.Summary, MarkupContent.Markdown(EntryDocumentation.Of(s))))];
        }

        var name = context.Statement[0];
        if (name == "objective")
        {
            return context.Statement.Count == 1
                ? Keywords(["maximize", "minimize"])
                : [.. BuiltinCatalog.ReportedMetrics.Concat(BuiltinCatalog.StaticMetrics).Select(m => new CompletionItem(m, CompletionItemKinds.EnumMember, "metric"))];
        }

        if (BuiltinCatalog.Settings.GetValueOrDefault((section, name)) is not { } setting)
        {
            return Expressions(context, names);
        }

        // After 'name:' the value of that argument; otherwise the first (positional) one's.
        var argument = context.Statement.Count >= 3 && context.Statement[^1] == ":" ? setting.Arguments.FirstOrDefault(a => a.Name == context.Statement[^2]) : setting.Arguments.FirstOrDefault();
        return argument is null ? Expressions(context, names) : [.. Values(argument), .. Expressions(context, names)];
    }

    private static IReadOnlyList<CompletionItem> InCall(CompletionContext context, string callee, DocumentAnalysis names)
    {
        var arguments = ArgumentsOf(callee, names);
        var argument = context.Argument;
        if (argument.Count >= 2 && argument[1] == ":")
        {
            var named = arguments.FirstOrDefault(a => a.Name == argument[0]);
            return named is null ? Expressions(context, names) : [.. Values(named), .. Expressions(context, names)];
        }

        if (argument.Count > 0)
        {
            return Expressions(context, names);
        }

        var given = context.Statement.Where((t, i) => CompletionContext.IsWord(t) && context.Statement.ElementAtOrDefault(i + 1) == ":").ToHashSet(StringComparer.Ordinal);
        var argumentNames = arguments.Where(a => !given.Contains(a.Name)).Select((a, i) =>
            new CompletionItem($"{a.Name}:", CompletionItemKinds.Field, a.Describe(), a.Summary.Length > 0 ? MarkupContent.Markdown(a.Summary) : null, $"{a.Name}: ", $"0{i:D3}"));
        return [.. argumentNames, .. Expressions(context, names)];
    }

    // The arguments of a built-in, or the parameters of a block declared in the document or its imports.
    private static IEnumerable<ArgSpec> ArgumentsOf(string callee, DocumentAnalysis names)
    {
        if (BuiltinCatalog.Find(callee) is { } entry)
        {
            return entry.Parameters;
        }

        return BlockDeclarations(names).FirstOrDefault(b => b.Name.Name == callee)?.Parameters
            .Select(p => new ArgSpec(p.Name.Name, [], [], p.Default is null, null, null, p.Type is { } type ? $"{type.Name.Name}{(type.IsOptional ? "?" : "")}" : "")) ?? [];
    }

    // What an argument takes by name: its keywords and the built-ins of its kind.
    private static IEnumerable<CompletionItem> Values(ArgSpec argument) =>
        [.. argument.Keywords.Select(k => new CompletionItem(k, CompletionItemKinds.EnumMember, $"{argument.Name}: {k}")),
            .. argument.Types.OfType<ObjectType>().SelectMany(t => Entries(t.Kind)),
            .. argument.Types.OfType<EnumType>().SelectMany(t => t.Members.Select(m => new CompletionItem(m, CompletionItemKinds.EnumMember, $"choice of {t.Name}")))];

    private static IReadOnlyList<CompletionItem> Expressions(CompletionContext context, DocumentAnalysis names)
    {
        var items = new List<CompletionItem>();
        if (context.InBlockDeclaration)
        {
            // A block body sees its own parameters only.
            items.AddRange(context.BlockParameters.Select(p => new CompletionItem(p, CompletionItemKinds.Variable, "(block parameter)")));
        }
        else
        {
            var parameters = names.Compilation.Experiments.SelectMany(e => e.ParameterSymbols).DistinctBy(p => p.Name).ToList();
            items.AddRange(parameters.Select(p => new CompletionItem(p.Name, CompletionItemKinds.Variable, $"(parameter) {p.Type.DisplayName}")));

            // A document that never parsed is not bound: its declarations, as far as the parser recovered them, still name its parameters.
            items.AddRange(names.Index.Nodes.OfType<ParameterSyntax>().Select(p => p.Name.Name).Where(n => n.Length > 0 && parameters.All(p => p.Name != n)).Distinct()
                .Select(n => new CompletionItem(n, CompletionItemKinds.Variable, "(parameter)")));
            items.AddRange(parameters.Select(p => p.Type).OfType<EnumType>().SelectMany(t => t.Members.Select(m => (Member: m, Choice: t.Name)))
                .DistinctBy(m => m.Member).Select(m => new CompletionItem(m.Member, CompletionItemKinds.EnumMember, $"choice of {m.Choice}")));
        }

        items.AddRange(context.LoopVariables.Distinct().Select(v => new CompletionItem(v, CompletionItemKinds.Variable, "(loop variable)")));
        items.AddRange(Entries(EntryKind.Function));
        return items;
    }

    private static IReadOnlyList<CompletionItem> Entries(params EntryKind[] kinds) =>
        [.. BuiltinCatalog.Entries.Values.Where(e => kinds.Contains(e.Kind)).OrderBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => new CompletionItem(e.Name, e.Kind is EntryKind.Layer or EntryKind.Backbone or EntryKind.Transform ? CompletionItemKinds.Class : CompletionItemKinds.Function,
                e.Signature, MarkupContent.Markdown(EntryDocumentation.Of(e))))];

    private static IEnumerable<CompletionItem> Blocks(DocumentAnalysis names) =>
        BlockDeclarations(names).DistinctBy(b => b.Name.Name)
            .Select(b => new CompletionItem(b.Name.Name, CompletionItemKinds.Class, b.Span.Text.Split('{')[0].TrimEnd()));

    private static IEnumerable<BlockDeclarationSyntax> BlockDeclarations(DocumentAnalysis names) =>
        names.Compilation.SyntaxTrees.Concat(names.Compilation.ImportedTrees).SelectMany(t => t.Root.Members.OfType<BlockDeclarationSyntax>());

    private static IReadOnlyList<CompletionItem> Keywords(IEnumerable<string> keywords) =>
        [.. keywords.Select(k => new CompletionItem(k, CompletionItemKinds.Keyword))];
}
