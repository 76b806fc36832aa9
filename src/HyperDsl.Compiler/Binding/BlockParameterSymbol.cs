using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Binding;

/// <summary>A parameter of a block definition.</summary>
public sealed class BlockParameterSymbol : Symbol
{
    internal BlockParameterSymbol(BlockParameterSyntax syntax, int index)
        : base(syntax.Name.Name, syntax.Name.Span)
    {
        Syntax = syntax;
        Index = index;
    }

    /// <summary>The declaration.</summary>
    public BlockParameterSyntax Syntax { get; }

    /// <summary>Its position in the block's parameter list.</summary>
    public int Index { get; }

    /// <summary>True when a caller may leave it out (it has a default or an optional type).</summary>
    public bool IsOptional => Syntax.Default is not null || Syntax.Type?.IsOptional == true;
}
