using System.Text.RegularExpressions;
using HyperDsl.Compiler.Binding;
using HyperDsl.LanguageServer.Analysis;
using HyperDsl.LanguageServer.Protocol;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Text;
using StreamJsonRpc;

namespace HyperDsl.LanguageServer.Features;

/// <summary>
/// Go to definition, find references and rename, for what the binder resolves: parameters, blocks,
/// block parameters and loop variables; definition and references also for experiments (the
/// parent after <c>extends</c>), and definition for the file an <c>import</c> names.
/// </summary>
internal static partial class NavigationProvider
{
    public static IReadOnlyList<Location> Definition(DocumentAnalysis analysis, int offset) => NameResolver.At(analysis, offset) switch
    {
        SymbolTarget symbol => [analysis.LocationOf(symbol.Symbol.Declaration)],
        ExperimentTarget experiment => [analysis.LocationOf(experiment.Experiment.Name.Span)],
        ChoiceMemberTarget choice => [.. NameResolver.ChoicesWith(analysis, choice.Member).Select(c => c.Written).OfType<NameSyntax>().Select(n => analysis.LocationOf(n.Span))],
        ImportTarget import when analysis.Compilation.ImportedTrees.Any(t => PathOf(t.File) == import.Path) =>
            [new Location(DocumentUris.FromPath(import.Path), new Protocol.Range(new Position(0, 0), new Position(0, 0)))],
        _ => [],
    };

    public static IReadOnlyList<Location> References(DocumentAnalysis analysis, int offset, bool includeDeclaration)
    {
        var found = NameResolver.At(analysis, offset);
        if (found is ExperimentTarget experiment)
        {
            // An experiment is used where another extends it, in the document or the files it imports.
            var name = experiment.Experiment.Name;
            var children = analysis.Compilation.SyntaxTrees.Concat(analysis.Compilation.ImportedTrees)
                .SelectMany(t => t.Root.Members.OfType<ExperimentSyntax>())
                .Select(e => e.Parent).OfType<IdentifierSyntax>().Where(p => p.Name == name.Name).Select(p => p.Span);
            return [.. (includeDeclaration ? children.Prepend(name.Span) : children).Select(analysis.LocationOf)];
        }

        if (found is not SymbolTarget target)
        {
            return [];
        }

        return [.. new SymbolReferences(analysis).Of(target.Symbol)
            .Where(s => includeDeclaration || s.Range != target.Symbol.Declaration.Range || s.File != target.Symbol.Declaration.File)
            .Select(analysis.LocationOf)];
    }

    /// <summary>The name that a rename at <paramref name="offset"/> would change, or null when there is none to rename.</summary>
    public static PrepareRenameResult? PrepareRename(DocumentAnalysis analysis, int offset) =>
        NameResolver.At(analysis, offset) is SymbolTarget { Symbol: ParameterSymbol or BlockParameterSymbol or LoopVariableSymbol } target
            ? new PrepareRenameResult(LspPositions.ToRange(target.Name), target.Symbol.Name)
            : null;

    /// <summary>
    /// Renames a parameter (or a block parameter, or a loop variable) everywhere it is used. Refused
    /// with a message when the new name is not a name, or when the document would not check as well
    /// after it (a name already taken, a keyword).
    /// </summary>
    public static WorkspaceEdit Rename(DocumentAnalysis analysis, int offset, string newName)
    {
        if (NameResolver.At(analysis, offset) is not SymbolTarget { Symbol: ParameterSymbol or BlockParameterSymbol or LoopVariableSymbol } target)
        {
            throw new LocalRpcException("Only a parameter, a block parameter or a loop variable can be renamed here.") { ErrorCode = RequestFailed };
        }

        if (!Identifier().IsMatch(newName))
        {
            throw new LocalRpcException($"'{newName}' is not a name: a name is a letter or '_' followed by letters, digits and '_'.") { ErrorCode = RequestFailed };
        }

        var spans = new SymbolReferences(analysis).ToRename(target.Symbol);
        var own = spans.Where(s => ReferenceEquals(s.File, analysis.Tree.File)).ToList();
        if (own.Count > 0)
        {
            var renamed = Apply(analysis.Tree.File.Text, own, newName);
            var after = SpecAnalyzer.Analyze(analysis.Uri, analysis.Version, renamed);
            var errorsBefore = analysis.Diagnostics.Count(d => d.IsError);
            if (after.Diagnostics.Where(d => d.IsError).ToList() is { } errors && errors.Count > errorsBefore)
            {
                var first = errors.FirstOrDefault(e => !analysis.Diagnostics.Any(d => d.Code == e.Code && d.Message == e.Message)) ?? errors[0];
                throw new LocalRpcException($"Renaming '{target.Symbol.Name}' to '{newName}' would make the spec fail to check: {first.Message}") { ErrorCode = RequestFailed };
            }
        }

        var changes = spans.GroupBy(s => analysis.UriOf(s.File), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TextEdit>)[.. g.Select(s => new TextEdit(LspPositions.ToRange(s), newName))], StringComparer.Ordinal);
        return new WorkspaceEdit(changes);
    }

    // LSP's RequestFailed: the request was understood, and what it asks cannot be done.
    private const int RequestFailed = -32803;

    private static string Apply(string text, IEnumerable<SourceSpan> spans, string replacement)
    {
        var builder = new System.Text.StringBuilder(text);
        foreach (var span in spans.OrderByDescending(s => s.Range.Start))
        {
            builder.Remove(span.Range.Start, span.Range.Length).Insert(span.Range.Start, replacement);
        }

        return builder.ToString();
    }

    private static string PathOf(SourceFile file) => Path.GetFullPath(file.Path);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
