using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.LanguageServer.Analysis;

/// <summary>
/// Finds what the name at an offset of the document stands for, from the binder's semantic models
/// (every experiment's, since an experiment's syntax is bound again in those that extend it) and,
/// for names the binder does not record (settings, named arguments, experiments, imports), from
/// where the name stands in the tree. Null where nothing is known, as in a document with syntax
/// errors, which is not bound.
/// </summary>
internal static class NameResolver
{
    public static NameTarget? At(DocumentAnalysis analysis, int offset)
    {
        var index = analysis.Index;
        var node = index.Nodes
            .Where(n => n is IdentifierSyntax or NameSyntax or StringLiteralSyntax && n.Span.Range.Start <= offset && offset <= n.Span.Range.End)
            .MinBy(n => n.Span.Range.Length);
        return node switch
        {
            NameSyntax name => Resolution(analysis, name) switch
            {
                Symbol symbol => new SymbolTarget(name.Span, symbol),
                CatalogEntry entry => new EntryTarget(name.Span, entry),
                Compiler.Semantics.EnumValue member => new ChoiceMemberTarget(name.Span, member.Member),
                _ => null,
            },
            IdentifierSyntax identifier => OfIdentifier(analysis, identifier, index.Parent(identifier)),
            StringLiteralSyntax path when index.Parent(path) is ImportSyntax => ImportOf(analysis, path),
            _ => null,
        };
    }

    /// <summary>The parameters whose <c>choice</c> has <paramref name="member"/>, with the name as the choice writes it.</summary>
    public static IEnumerable<(ParameterSymbol Parameter, NameSyntax? Written)> ChoicesWith(DocumentAnalysis analysis, string member) =>
        analysis.Compilation.Experiments.SelectMany(e => e.ParameterSymbols)
            .Where(p => p.Type is Compiler.Semantics.EnumType choice && choice.Members.Contains(member))
            .DistinctBy(p => (p.Declaration.File, p.Declaration.Range))
            .Select(p => (p, p.Syntax is SampledParameterSyntax sampled
                ? ExpressionChildren.Of(sampled.Distribution).OfType<NameSyntax>().FirstOrDefault(n => n.Name == member)
                : null));

    /// <summary>What any of the document's experiments resolved <paramref name="node"/> to.</summary>
    public static object? Resolution(DocumentAnalysis analysis, SyntaxNode node) =>
        analysis.Compilation.Experiments.Select(e => e.Semantics?.GetResolution(node)).FirstOrDefault(r => r is not null);

    private static NameTarget? OfIdentifier(DocumentAnalysis analysis, IdentifierSyntax identifier, SyntaxNode? parent)
    {
        var span = identifier.Span;
        switch (parent)
        {
            case ParameterSyntax parameter:
                return analysis.Compilation.Experiments.SelectMany(e => e.ParameterSymbols).FirstOrDefault(p => ReferenceEquals(p.Syntax, parameter)) is { } symbol
                    ? new SymbolTarget(span, symbol) : null;
            case LayerSyntax layer:
                return Resolution(analysis, layer) switch
                {
                    BlockSymbol block => new SymbolTarget(span, block),
                    CatalogEntry entry => new EntryTarget(span, entry),
                    _ => BuiltinCatalog.Find(identifier.Name) is { } entry ? new EntryTarget(span, entry) : null,
                };
            case CallSyntax call:
                return (Resolution(analysis, call) as CatalogEntry ?? BuiltinCatalog.Find(identifier.Name)) is { } callee ? new EntryTarget(span, callee) : null;
            case ForSyntax loop:
                return Resolution(analysis, loop) is Symbol variable ? new SymbolTarget(span, variable) : null;
            case AssignmentSyntax assignment:
                return Resolution(analysis, assignment) is Symbol tried ? new SymbolTarget(span, tried) : null;
            case BlockDeclarationSyntax declaration:
                return Blocks(analysis).FirstOrDefault(b => ReferenceEquals(b.Syntax, declaration)) is { } used ? new SymbolTarget(span, used) : null;
            case BlockParameterSyntax blockParameter:
                return Blocks(analysis).SelectMany(b => b.Parameters).FirstOrDefault(p => ReferenceEquals(p.Syntax, blockParameter)) is { } declared
                    ? new SymbolTarget(span, declared) : null;
            case ArgumentSyntax argument:
                return ArgumentOf(analysis, identifier, analysis.Index.Parent(argument));
            case SettingSyntax setting when Section(analysis, setting) is { } section:
                return BuiltinCatalog.Settings.GetValueOrDefault((section, setting.Name.Name)) is { } spec ? new SettingTarget(span, spec) : null;
            case ExperimentSyntax experiment when ReferenceEquals(experiment.Name, identifier):
                return new ExperimentTarget(span, experiment);
            case ExperimentSyntax child when ReferenceEquals(child.Parent, identifier):
                return analysis.Compilation.SyntaxTrees.Concat(analysis.Compilation.ImportedTrees)
                    .SelectMany(t => t.Root.Members.OfType<ExperimentSyntax>())
                    .FirstOrDefault(e => e.Name.Name == identifier.Name) is { } parentExperiment ? new ExperimentTarget(span, parentExperiment) : null;
            default:
                return null;
        }
    }

    // A named argument: of the built-in or block being called, or of the setting.
    private static NameTarget? ArgumentOf(DocumentAnalysis analysis, IdentifierSyntax name, SyntaxNode? owner)
    {
        var resolved = owner is null ? null : Resolution(analysis, owner);
        switch (resolved, owner)
        {
            case (CatalogEntry entry, _) when entry.Find(name.Name) is { } argument:
                return new ArgumentTarget(name.Span, entry.Name, argument);
            case (BlockSymbol block, _) when block.Parameters.FirstOrDefault(p => p.Name == name.Name) is { } parameter:
                return new SymbolTarget(name.Span, parameter);
            case (_, ValueSettingSyntax setting) when Section(analysis, setting) is { } section
                && BuiltinCatalog.Settings.GetValueOrDefault((section, setting.Name.Name)) is { } spec
                && spec.Arguments.FirstOrDefault(a => a.Name == name.Name) is { } settingArgument:
                return new ArgumentTarget(name.Span, spec.Name, settingArgument);
            default:
                return null;
        }
    }

    private static ImportTarget? ImportOf(DocumentAnalysis analysis, StringLiteralSyntax path)
    {
        var folder = Path.GetDirectoryName(analysis.Tree.File.Path);
        if (DocumentUris.LocalPath(analysis.Uri) is null || folder is null || path.Value.Length == 0)
        {
            return null;
        }

        try
        {
            return new ImportTarget(path.Span, Path.GetFullPath(Path.Combine(folder, path.Value)));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    /// <summary>The section a setting is written in.</summary>
    public static SectionKind? Section(DocumentAnalysis analysis, SyntaxNode node) =>
        analysis.Index.AncestorsAndSelf(node).OfType<SettingsSectionSyntax>().FirstOrDefault()?.Kind;

    // Blocks are symbols once a layer uses them; an unused block has no symbol.
    private static IEnumerable<BlockSymbol> Blocks(DocumentAnalysis analysis) =>
        analysis.Index.Nodes.OfType<LayerSyntax>().Select(l => Resolution(analysis, l)).OfType<BlockSymbol>().Distinct();
}
