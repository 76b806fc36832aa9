using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Compiler.Binding;

/// <summary>Something a name in a spec can refer to.</summary>
public abstract class Symbol
{
    /// <summary>Creates a symbol.</summary>
    protected Symbol(string name, SourceSpan declaration)
    {
        Name = name;
        Declaration = declaration;
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>Where it is declared.</summary>
    public SourceSpan Declaration { get; }

    /// <summary>The type of its value.</summary>
    public HypType Type { get; internal set; } = ErrorType.Instance;

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>A parameter of the search space, sampled (<c>~</c>) or fixed/derived (<c>=</c>).</summary>
public sealed class ParameterSymbol : Symbol
{
    internal ParameterSymbol(ParameterSyntax syntax, int index)
        : base(syntax.Name.Name, syntax.Name.Span)
    {
        Syntax = syntax;
        Index = index;
    }

    /// <summary>The declaration.</summary>
    public ParameterSyntax Syntax { get; }

    /// <summary>Its position among the experiment's parameters.</summary>
    public int Index { get; }

    /// <summary>The <c>when</c> condition, if it is conditional.</summary>
    public ExpressionSyntax? Condition => Syntax.Condition;

    /// <summary>True when the parameter exists only where its condition holds.</summary>
    public bool IsConditional => Syntax.Condition is not null;

    /// <summary>True for <c>name = value</c>: fixed, or derived from other parameters.</summary>
    public bool IsFixed => Syntax is FixedParameterSyntax;

    /// <summary>Where its values come from; null when the declaration has errors.</summary>
    public ParameterDomain? Domain { get; internal set; }

    /// <summary>True once anything refers to it.</summary>
    public bool IsUsed { get; internal set; }
}

/// <summary>The variable of a <c>for</c> loop.</summary>
public sealed class LoopVariableSymbol : Symbol
{
    internal LoopVariableSymbol(string name, SourceSpan declaration)
        : base(name, declaration)
    {
        Type = IntType.Instance;
    }
}

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
