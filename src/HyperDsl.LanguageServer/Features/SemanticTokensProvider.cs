using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Semantics;
using HyperDsl.LanguageServer.Analysis;
using HyperDsl.LanguageServer.Protocol;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Parsing;
using HyperDsl.Syntax.Text;

namespace HyperDsl.LanguageServer.Features;

/// <summary>
/// <c>textDocument/semanticTokens/full</c>: every token of the document with its kind, for editors
/// without a grammar for .hyp. Keywords, numbers, strings, comments and operators come from the
/// lexer (<see cref="LexicalClassifier"/>); a name is told apart by what the binder resolved it to
/// (a parameter, a built-in, a block, a choice member) or by where it stands (a setting, a named
/// argument, an experiment). A token over several lines (a block comment) is sent line by line.
/// </summary>
internal static class SemanticTokensProvider
{
    /// <summary>The token types, in the order their numbers index.</summary>
    public static IReadOnlyList<string> TokenTypes => Types;

    private static readonly string[] Types =
        ["keyword", "variable", "parameter", "function", "class", "property", "enumMember", "number", "string", "comment", "operator", "namespace"];

    /// <summary>The one modifier: a name where it is declared.</summary>
    public static IReadOnlyList<string> TokenModifiers { get; } = ["declaration"];

    public static SemanticTokens Full(DocumentAnalysis analysis)
    {
        var file = analysis.Tree.File;
        var names = Names(analysis);
        var data = new List<int>();
        var (line, character) = (0, 0);
        foreach (var token in LexicalClassifier.Classify(file.Text))
        {
            var (type, declaration) = token.Class == LexicalClass.Identifier || token.Class == LexicalClass.Keyword
                ? names.GetValueOrDefault(token.Span.Start, (Lexical(token.Class), false))
                : (Lexical(token.Class), false);
            if (type is null)
            {
                continue;
            }

            foreach (var piece in Lines(file, token.Span))
            {
                var start = LspPositions.ToPosition(file, piece.Start);
                data.AddRange([start.Line - line, start.Line == line ? start.Character - character : start.Character, piece.Length, Array.IndexOf(Types, type), declaration ? 1 : 0]);
                (line, character) = (start.Line, start.Character);
            }
        }

        return new SemanticTokens(data);
    }

    private static string? Lexical(LexicalClass kind) => kind switch
    {
        LexicalClass.Keyword => "keyword",
        LexicalClass.Number => "number",
        LexicalClass.String => "string",
        LexicalClass.Comment => "comment",
        LexicalClass.Operator => "operator",
        _ => null,
    };

    // What each name means, by where it starts; names the tree does not explain keep their lexical class.
    private static Dictionary<int, (string? Type, bool Declaration)> Names(DocumentAnalysis analysis)
    {
        var names = new Dictionary<int, (string?, bool)>();
        var index = analysis.Index;
        foreach (var node in index.Nodes)
        {
            switch (node)
            {
                case NameSyntax name:
                    names[name.Span.Range.Start] = (NameResolver.Resolution(analysis, name) switch
                    {
                        ParameterSymbol or LoopVariableSymbol => "variable",
                        BlockParameterSymbol => "parameter",
                        CatalogEntry => "function",
                        EnumValue or KeywordValue => "enumMember",
                        _ => "variable",
                    }, false);
                    break;
                case IdentifierSyntax identifier when identifier.Name.Length > 0:
                    if (Identifier(analysis, identifier, index.Parent(identifier)) is { } meaning)
                    {
                        names[identifier.Span.Range.Start] = meaning;
                    }

                    break;
            }
        }

        return names;
    }

    private static (string?, bool)? Identifier(DocumentAnalysis analysis, IdentifierSyntax identifier, SyntaxNode? parent) => parent switch
    {
        ParameterSyntax => ("variable", true),
        BlockParameterSyntax => ("parameter", true),
        ForSyntax => ("variable", true),
        BlockDeclarationSyntax => ("class", true),
        ExperimentSyntax experiment => ("namespace", ReferenceEquals(experiment.Name, identifier)),
        LayerSyntax layer => (NameResolver.Resolution(analysis, layer) is BlockSymbol ? "class" : "function", false),
        CallSyntax => ("function", false),
        ArgumentSyntax or SettingSyntax => ("property", false),
        AssignmentSyntax => ("variable", false),
        TypeReferenceSyntax => ("keyword", false),
        _ => null,
    };

    // A token's pieces, one per line it covers.
    private static IEnumerable<TextSpan> Lines(SourceFile file, TextSpan span)
    {
        var first = file.GetPosition(span.Start).Line;
        var last = file.GetPosition(Math.Max(span.Start, span.End - 1)).Line;
        for (var line = first; line <= last; line++)
        {
            var start = Math.Max(span.Start, file.GetLineStart(line));
            var end = Math.Min(span.End, file.GetLineStart(line) + file.GetLineText(line).Length);
            if (end > start)
            {
                yield return TextSpan.FromBounds(start, end);
            }
        }
    }
}
