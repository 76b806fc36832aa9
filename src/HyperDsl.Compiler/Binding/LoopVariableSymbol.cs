using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Compiler.Binding;

/// <summary>The variable of a <c>for</c> loop.</summary>
public sealed class LoopVariableSymbol : Symbol
{
    internal LoopVariableSymbol(string name, SourceSpan declaration)
        : base(name, declaration)
    {
        Type = IntType.Instance;
    }
}
