using System.Collections.Immutable;
using HyperDsl.Syntax;
using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Compiler;

/// <summary>
/// A set of parsed .hyp files checked together. The one entry point that the CLI, the build
/// integration and the tests share: hosts only adapt inputs and outputs. Immutable.
/// </summary>
public sealed class HypCompilation
{
    private HypCompilation(ImmutableArray<SyntaxTree> syntaxTrees)
    {
        SyntaxTrees = syntaxTrees;
        Diagnostics = [.. syntaxTrees.SelectMany(tree => tree.Diagnostics)];
    }

    /// <summary>The files of the compilation, in the order given.</summary>
    public ImmutableArray<SyntaxTree> SyntaxTrees { get; }

    /// <summary>Every diagnostic of every file, file by file in source order.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>Creates a compilation over already parsed files.</summary>
    public static HypCompilation Create(IEnumerable<SyntaxTree> syntaxTrees)
    {
        ArgumentNullException.ThrowIfNull(syntaxTrees);
        return new HypCompilation([.. syntaxTrees]);
    }
}
