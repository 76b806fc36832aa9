using System.Text.Json;

namespace HyperDsl.LanguageServer.Protocol;

// The Language Server Protocol's messages that hyp lsp uses, as plain records serialized with
// System.Text.Json (camelCase, nulls left out): no LSP package for .NET is served here, and these
// few types are all the server needs. Names follow the specification's interfaces.

/// <summary>A 0-based line and a 0-based character offset in UTF-16 code units (LSP's default encoding).</summary>
internal sealed record Position(int Line, int Character);

/// <summary>A range between two positions, end exclusive.</summary>
internal sealed record Range(Position Start, Position End);

/// <summary>A range in a document.</summary>
internal sealed record Location(string Uri, Range Range);

/// <summary>Names a document.</summary>
internal sealed record TextDocumentIdentifier(string Uri);

/// <summary>A position in a document: what hover, completion, definition and references are asked at.</summary>
internal sealed record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);

/// <summary>An edit: the text that replaces a range.</summary>
internal sealed record TextEdit(Range Range, string NewText);

/// <summary>Text for people, in Markdown (<c>kind: "markdown"</c>).</summary>
internal sealed record MarkupContent(string Kind, string Value)
{
    public static MarkupContent Markdown(string value) => new("markdown", value);
}

/// <summary>The JSON options of every message: LSP's camelCase names, absent optional members.</summary>
internal static class ProtocolJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
