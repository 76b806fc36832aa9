using System.Collections.Immutable;
using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Compiler.Lowering;

/// <summary>
/// An expression as it means, not as it was written: names resolved to what they stand for,
/// calls to their catalogue entry with every argument under the parameter it binds, literals as
/// values. Each node keeps the span of the syntax it came from (for <c>#line</c> and messages).
/// </summary>
public abstract record LoweredExpression(SourceSpan Span)
{
    /// <summary>The type the checker gave the expression (<see cref="ErrorType"/> where it gave none, as for the list of a variadic argument).</summary>
    public HypType Type { get; init; } = ErrorType.Instance;
}

/// <summary>A literal: a number, string, bool or duration.</summary>
public sealed record LoweredLiteral(Value Value, SourceSpan Span) : LoweredExpression(Span);

/// <summary>An amount in a unit: <c>5 epochs</c>, <c>25%</c>, <c>(n) steps</c>.</summary>
public sealed record LoweredQuantity(LoweredExpression Amount, QuantityUnit Unit, SourceSpan Span) : LoweredExpression(Span);

/// <summary>A parameter of the experiment.</summary>
public sealed record LoweredParameterReference(ParameterSymbol Parameter, SourceSpan Span) : LoweredExpression(Span);

/// <summary>A parameter of the block being built.</summary>
public sealed record LoweredBlockParameterReference(BlockParameterSymbol Parameter, SourceSpan Span) : LoweredExpression(Span);

/// <summary>The variable of an enclosing <c>for</c>.</summary>
public sealed record LoweredLoopVariable(LoopVariableSymbol Variable, SourceSpan Span) : LoweredExpression(Span);

/// <summary>One of the names a choice parameter takes (<c>sgd</c> in <c>choice(sgd, adam)</c>).</summary>
public sealed record LoweredChoice(EnumValue Choice, SourceSpan Span) : LoweredExpression(Span);

/// <summary>A bare keyword a parameter accepts (<c>same</c>, <c>imagenet</c>, a metric name).</summary>
public sealed record LoweredKeyword(string Keyword, SourceSpan Span) : LoweredExpression(Span);

/// <summary>A layer named by its path where a setting takes layer names (<c>lr_scale(0.1, except: [fc])</c>).</summary>
public sealed record LoweredLayerName(string Name, SourceSpan Span) : LoweredExpression(Span);

/// <summary>A statistic of the built model: <c>model.params</c> or <c>model.flops</c>.</summary>
public sealed record LoweredModelStatistic(string Name, SourceSpan Span) : LoweredExpression(Span);

/// <summary>A call of a catalogue entry (a bare entry name is a call without arguments).</summary>
public sealed record LoweredCall(CatalogEntry Entry, ImmutableArray<LoweredArgument> Arguments, SourceSpan Span) : LoweredExpression(Span);

/// <summary>A list of values.</summary>
public sealed record LoweredList(ImmutableArray<LoweredExpression> Items, SourceSpan Span) : LoweredExpression(Span);

/// <summary><c>target[index]</c>.</summary>
public sealed record LoweredIndex(LoweredExpression Target, LoweredExpression Index, SourceSpan Span) : LoweredExpression(Span);

/// <summary>A binary operation (arithmetic, comparison, logic, ranges, <c>then</c>).</summary>
public sealed record LoweredBinary(BinaryOperator Operator, LoweredExpression Left, LoweredExpression Right, SourceSpan Span) : LoweredExpression(Span);

/// <summary>A unary operation.</summary>
public sealed record LoweredUnary(UnaryOperator Operator, LoweredExpression Operand, SourceSpan Span) : LoweredExpression(Span);

/// <summary><c>if condition then a else b</c> as a value.</summary>
public sealed record LoweredIf(LoweredExpression Condition, LoweredExpression Then, LoweredExpression Else, SourceSpan Span) : LoweredExpression(Span);

/// <summary><c>match subject { patterns => value, ... }</c> as a value; a null pattern is the wildcard.</summary>
public sealed record LoweredMatch(LoweredExpression Subject, ImmutableArray<LoweredMatchArm> Arms, SourceSpan Span) : LoweredExpression(Span);

/// <summary>One arm of a <see cref="LoweredMatch"/>: its patterns (null for <c>_</c>) and its value.</summary>
public sealed record LoweredMatchArm(ImmutableArray<LoweredExpression?> Patterns, LoweredExpression Value);

/// <summary>
/// What a name or call resolved to when binding failed or met something lowering does not know;
/// a spec with errors never reaches generation, so this only appears in texts of broken specs.
/// </summary>
public sealed record LoweredUnresolved(string Text, SourceSpan Span) : LoweredExpression(Span);

/// <summary>An argument under the name of the parameter it binds (the values of a variadic parameter as one list).</summary>
public sealed record LoweredArgument(string Parameter, LoweredExpression Value)
{
    /// <summary>Where the argument is written, its name included (<c>mean: [0.5]</c>), for the diagnostics about it; its value's span where it is several (a variadic one's).</summary>
    public SourceSpan Span { get; init; } = Value.Span;
}
