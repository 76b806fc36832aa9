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
    /// Parses a file's raw bytes: a UTF-8 byte-order mark is skipped. Bytes that are not UTF-8
    /// (HYP0006) or that hold a NUL (HYP0008, binary data) are not spec text: the file is
    /// refused with that one diagnostic and an empty tree, and its content is not kept, so no
    /// diagnostic can quote it.
    /// </summary>
    public static SyntaxTree Parse(ReadOnlySpan<byte> bytes, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var (file, refusal) = SourceDecoder.Decode(bytes, path);
        if (refusal is not null)
        {
            return new SyntaxTree(file, new SpecSyntax([], new SourceSpan(file, new TextSpan(0, 0))), [refusal]);
        }

        var (root, diagnostics) = SpecParser.Parse(file, ImmutableArray<Diagnostic>.Empty);
        return new SyntaxTree(file, root, diagnostics);
    }
}
