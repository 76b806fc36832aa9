using HyperDsl.Compiler.Semantics;
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
