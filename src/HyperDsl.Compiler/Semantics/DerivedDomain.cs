namespace HyperDsl.Compiler.Semantics;

/// <summary>A fixed or derived value: one value at each point, computed from the expression.</summary>
public sealed record DerivedDomain(Syntax.Ast.ExpressionSyntax Expression) : ParameterDomain
{
    /// <inheritdoc />
    public override bool IsFinite => true;

    /// <inheritdoc />
    public override long Count => 1;

    /// <inheritdoc />
    public override IEnumerable<Value> Values => [];

    /// <inheritdoc />
    public override IEnumerable<Value> Representatives => [];

    /// <inheritdoc />
    public override string Describe() => "= " + Expression.Span.Text;
}
