using HyperDsl.LanguageServer.Protocol;

namespace HyperDsl.LanguageServer.Features;

/// <summary>
/// Decides what to publish for each URI. An open document shows what its own check found; a file
/// that is not open but is imported by open documents shows what their checks found in it (a
/// syntax error in an imported file, as <c>hyp check</c> reports it), until no open document
/// imports it any more, when its list is emptied.
/// </summary>
internal sealed class DiagnosticPublisher
{
    private readonly Dictionary<string, Dictionary<string, List<LspDiagnostic>>> _byDocument = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _openVersions = new(StringComparer.Ordinal);

    /// <summary>Records a document's new diagnostics; returns what to publish.</summary>
    public IReadOnlyList<PublishDiagnosticsParams> Update(string uri, int version, Dictionary<string, List<LspDiagnostic>> diagnostics)
    {
        _openVersions[uri] = version;
        var before = _byDocument.GetValueOrDefault(uri)?.Keys ?? Enumerable.Empty<string>();
        var affected = before.Concat(diagnostics.Keys).Append(uri).Distinct(StringComparer.Ordinal).ToList();
        _byDocument[uri] = diagnostics;
        return [.. affected.Select(Publish)];
    }

    /// <summary>Forgets a closed document; returns what to publish (its own list emptied, unless other open documents import it).</summary>
    public IReadOnlyList<PublishDiagnosticsParams> Close(string uri)
    {
        _openVersions.Remove(uri);
        var before = _byDocument.GetValueOrDefault(uri)?.Keys.ToList() ?? [];
        _byDocument.Remove(uri);
        return [.. before.Append(uri).Distinct(StringComparer.Ordinal).Select(Publish)];
    }

    private PublishDiagnosticsParams Publish(string uri)
    {
        if (_openVersions.TryGetValue(uri, out var version))
        {
            return new PublishDiagnosticsParams(uri, _byDocument.GetValueOrDefault(uri)?.GetValueOrDefault(uri) ?? [], version);
        }

        var fromImporters = _byDocument.Values.SelectMany(d => d.GetValueOrDefault(uri) ?? []).Distinct().ToList();
        return new PublishDiagnosticsParams(uri, fromImporters);
    }
}
