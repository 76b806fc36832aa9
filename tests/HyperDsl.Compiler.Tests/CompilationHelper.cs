using HyperDsl.Compiler.Resolution;
using HyperDsl.Syntax;

namespace HyperDsl.Compiler.Tests;

/// <summary>Compiles spec files from disk or text, with imports read from disk.</summary>
internal static class CompilationHelper
{
    public static HypCompilation CompileFile(string path, string? displayPath = null) =>
        HypCompilation.Create([SyntaxTree.Parse(File.ReadAllBytes(path), displayPath ?? path)], new DiskResolver());

    public static HypCompilation CompileText(string text) => HypCompilation.Create([SyntaxTree.Parse(text, "test.hyp")], new DiskResolver());

    private sealed class DiskResolver : ISourceResolver
    {
        public byte[]? TryRead(string path, out string? problem)
        {
            problem = File.Exists(path) ? null : "no such file";
            return problem is null ? File.ReadAllBytes(path) : null;
        }
    }
}
