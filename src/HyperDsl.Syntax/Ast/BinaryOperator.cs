namespace HyperDsl.Syntax.Ast;

/// <summary>Binary operators, from the tightest binding to the loosest.</summary>
public enum BinaryOperator
{
    /// <summary><c>^</c> (right-associative)</summary>
    Power,

    /// <summary><c>*</c></summary>
    Multiply,

    /// <summary><c>/</c></summary>
    Divide,

    /// <summary><c>+</c></summary>
    Add,

    /// <summary><c>-</c></summary>
    Subtract,

    /// <summary><c>..</c>: both ends included</summary>
    RangeInclusive,

    /// <summary><c>..&lt;</c>: the upper end excluded</summary>
    RangeExclusive,

    /// <summary><c>==</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,

    /// <summary><c>&lt;</c></summary>
    Less,

    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,

    /// <summary><c>&gt;</c></summary>
    Greater,

    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,

    /// <summary><c>in</c>: membership in a list or range</summary>
    In,

    /// <summary><c>and</c></summary>
    And,

    /// <summary><c>or</c></summary>
    Or,

    /// <summary><c>then</c>: one schedule after another</summary>
    Then,
}
