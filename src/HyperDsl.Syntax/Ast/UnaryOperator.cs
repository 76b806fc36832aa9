namespace HyperDsl.Syntax.Ast;

/// <summary>Prefix operators.</summary>
public enum UnaryOperator
{
    /// <summary><c>-</c></summary>
    Negate,

    /// <summary><c>+</c></summary>
    Plus,

    /// <summary><c>not</c></summary>
    Not,
}
