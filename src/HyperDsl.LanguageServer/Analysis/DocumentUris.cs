namespace HyperDsl.LanguageServer.Analysis;

/// <summary>
/// Maps document URIs to the paths the compiler reports and resolves imports against. Only
/// <c>file:</c> URIs have a path on disk; any other document (<c>untitled:</c>) is checked with
/// its URI as its name and cannot import anything.
/// </summary>
internal static class DocumentUris
{
    /// <summary>The local path of a <c>file:</c> URI; null for any other URI.</summary>
    public static string? LocalPath(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? parsed.LocalPath : null;

    /// <summary>The <c>file:</c> URI of a path (made absolute).</summary>
    public static string FromPath(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;
}
