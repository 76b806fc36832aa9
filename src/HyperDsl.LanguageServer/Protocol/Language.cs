namespace HyperDsl.LanguageServer.Protocol;

/// <summary><c>textDocument/formatting</c>; the options (tab size) are ignored: the canonical layout is fixed.</summary>
internal sealed record DocumentFormattingParams(TextDocumentIdentifier TextDocument);

/// <summary>The answer to <c>textDocument/hover</c>.</summary>
internal sealed record Hover(MarkupContent Contents, Range? Range);

/// <summary>One completion (LSP <c>CompletionItem</c>); kind as LSP numbers it (<see cref="CompletionItemKinds"/>).</summary>
internal sealed record CompletionItem(string Label, int Kind, string? Detail = null, MarkupContent? Documentation = null, string? InsertText = null, string? SortText = null);

/// <summary>The LSP numbers of the completion kinds this server uses.</summary>
internal static class CompletionItemKinds
{
    public const int Function = 3;
    public const int Field = 5;
    public const int Variable = 6;
    public const int Class = 7;
    public const int Module = 9;
    public const int Property = 10;
    public const int Keyword = 14;
    public const int EnumMember = 20;
}

/// <summary><c>textDocument/references</c>.</summary>
internal sealed record ReferenceParams(TextDocumentIdentifier TextDocument, Position Position, ReferenceContext? Context);

/// <summary>Whether the declaration counts as a reference.</summary>
internal sealed record ReferenceContext(bool IncludeDeclaration);

/// <summary><c>textDocument/rename</c>.</summary>
internal sealed record RenameParams(TextDocumentIdentifier TextDocument, Position Position, string NewName);

/// <summary>Edits to several documents, by URI.</summary>
internal sealed record WorkspaceEdit(IReadOnlyDictionary<string, IReadOnlyList<TextEdit>> Changes);

/// <summary>The answer to <c>textDocument/prepareRename</c>: the range of the name and the name itself.</summary>
internal sealed record PrepareRenameResult(Range Range, string Placeholder);

/// <summary><c>textDocument/semanticTokens/full</c>.</summary>
internal sealed record SemanticTokensParams(TextDocumentIdentifier TextDocument);

/// <summary>Tokens as LSP encodes them: five numbers each, relative to the token before.</summary>
internal sealed record SemanticTokens(IReadOnlyList<int> Data);
