using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Binding;

/// <summary>A block definition, used like a layer.</summary>
public sealed class BlockSymbol : Symbol
{
    internal BlockSymbol(BlockDeclarationSyntax syntax)
        : base(syntax.Name.Name, syntax.Name.Span)
    {
        Syntax = syntax;
        Parameters = [.. syntax.Parameters.Select((p, i) => new BlockParameterSymbol(p, i))];
    }

    /// <summary>The declaration.</summary>
    public BlockDeclarationSyntax Syntax { get; }

    /// <summary>Its parameters in order.</summary>
    public IReadOnlyList<BlockParameterSymbol> Parameters { get; }
}
