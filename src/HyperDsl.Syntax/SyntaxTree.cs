using System.Collections.Immutable;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Parsing;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax;

/// <summary>
/// The result of parsing one file: its immutable AST and every syntax diagnostic. Parsing never
/// throws on any input; what could not be parsed is reported and stood in for by missing nodes.
/// </summary>
public sealed class SyntaxTree
{
    private SyntaxTree(SourceFile file, SpecSyntax root, ImmutableArray<Diagnostic> diagnostics)
    {
        File = file;
        Root = root;
        Diagnostics = diagnostics;
    }

    /// <summary>The file that was parsed.</summary>
    public SourceFile File { get; }

    /// <summary>The root of the AST.</summary>
    public SpecSyntax Root { get; }

    /// <summary>Syntax diagnostics (HYP0xxx), in source order.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>True when at least one diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>Parses a file already in memory.</summary>
    public static SyntaxTree Parse(SourceFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var (root, diagnostics) = SpecParser.Parse(file, ImmutableArray<Diagnostic>.Empty);
        return new SyntaxTree(file, root, diagnostics);
    }

    /// <summary>Parses text; <paramref name="path"/> is what diagnostics show.</summary>
    public static SyntaxTree Parse(string text, string path = "input.hyp") => Parse(new SourceFile(path, text));

    /// <summary>
    /// Parses a file's raw bytes: a UTF-8 byte-order mark is skipped, and bytes that are not
    /// UTF-8 are reported (HYP0006) and read as U+FFFD so the rest of the file is still checked.
    /// </summary>
    public static SyntaxTree Parse(ReadOnlySpan<byte> bytes, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var (file, encodingDiagnostics) = SourceDecoder.Decode(bytes, path);
        var (root, diagnostics) = SpecParser.Parse(file, encodingDiagnostics);
        return new SyntaxTree(file, root, diagnostics);
    }
}
