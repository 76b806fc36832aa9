using System.Text;
using HyperDsl.Compiler;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Syntax;
using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;

namespace HyperDsl.LanguageServer.Analysis;

/// <summary>
/// Checks an editor's text the way <c>hyp check FILE</c> checks the file: the same bytes
/// (<see cref="SyntaxTree.Parse(ReadOnlySpan{byte}, string)"/>: a NUL is HYP0008), the same entry
/// point (<see cref="HypCompilation.Create"/>) and the same reader for imports and image folders
/// (<see cref="FileSystemSourceResolver"/>: only regular <c>.hyp</c> files of at most 1 MiB,
/// relative to the document's folder). A document that is not a file on disk imports nothing.
/// A text larger than a spec file may be is not checked, as <c>hyp check</c> would not read it.
/// </summary>
internal static class SpecAnalyzer
{
    public static DocumentAnalysis Analyze(string uri, int version, string text)
    {
        var path = DocumentUris.LocalPath(uri);
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length > SpecFileReader.MaxBytes)
        {
            var empty = SyntaxTree.Parse("", path ?? uri);
            var refusal = HostDiagnostics.DocumentTooLarge(new SourceSpan(empty.File, new TextSpan(0, 0)), bytes.Length, SpecFileReader.MaxBytes);
            return new DocumentAnalysis(uri, version, empty, HypCompilation.Create([empty]), refusal);
        }

        var tree = SyntaxTree.Parse(bytes, path ?? uri);
        var compilation = HypCompilation.Create([tree], path is null ? null : new FileSystemSourceResolver());
        return new DocumentAnalysis(uri, version, tree, compilation);
    }
}
