namespace HyperDsl.Syntax;

/// <summary>
/// How deep a spec may nest. No real spec comes near these; they keep every recursive stage
/// (parser, binder, evaluator, code generator) far from the end of a 1 MB thread stack, since
/// .NET cannot catch a stack overflow. Measured in docs/language.md, "Limits".
/// </summary>
public static class SyntaxLimits
{
    /// <summary>Brackets and blocks nested inside each other (HYP0014).</summary>
    public const int MaxBracketDepth = 100;

    /// <summary>
    /// Levels of one expression: each operator of <c>a + b + c</c>, each call, index, member,
    /// <c>if</c> and bracket adds one (HYP0018). The generated parser's frame for an expression
    /// is about 4 KB in a release build (128 levels overflow a 512 KB thread), so 100 levels take
    /// about 400 KB, under half of a 1 MB stack.
    /// </summary>
    public const int MaxExpressionDepth = 100;
}
