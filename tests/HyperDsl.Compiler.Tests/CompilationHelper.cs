using HyperDsl.Compiler.Resolution;
using HyperDsl.Syntax;

namespace HyperDsl.Compiler.Tests;

/// <summary>Compiles spec files from disk or text, with imports read from disk.</summary>
internal static class CompilationHelper
{
    public static HypCompilation CompileFile(string path, string? displayPath = null) =>
        HypCompilation.Create([SyntaxTree.Parse(File.ReadAllBytes(path), displayPath ?? path)], new DiskResolver());

    /// <summary>Compiles a case folder's main.hyp under the path "main.hyp", so messages carry no machine-specific paths.</summary>
    public static HypCompilation CompileCase(string folder) =>
        HypCompilation.Create([SyntaxTree.Parse(File.ReadAllBytes(Path.Combine(folder, "main.hyp")), "main.hyp")], new DiskResolver(folder));

    public static HypCompilation CompileText(string text) => HypCompilation.Create([SyntaxTree.Parse(text, "test.hyp")], new DiskResolver());

    // The reader every host uses, with paths taken relative to the case folder.
    private sealed class DiskResolver(string? root = null) : ISourceResolver
    {
        public SpecFileRead Read(string path) => SpecFileReader.Read(root is null ? path : Path.Combine(root, path), SpecFileNaming.HypExtension);
    }
}
