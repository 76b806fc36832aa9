using System.Collections.Immutable;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Binding;

/// <summary>Something known to hold where an expression is used: an enclosing <c>if</c>, <c>match</c> arm, <c>when</c> or <c>and</c>.</summary>
internal abstract record Fact;

/// <summary>A condition known to be true (or, with <see cref="Holds"/> false, known to be false).</summary>
internal sealed record ConditionFact(ExpressionSyntax Condition, bool Holds) : Fact;

/// <summary>A match subject known to equal one of <see cref="Patterns"/>, and none of <see cref="Excluded"/>.</summary>
internal sealed record MatchFact(ExpressionSyntax Subject, ImmutableArray<PatternSyntax> Patterns, ImmutableArray<PatternSyntax> Excluded) : Fact;

/// <summary>A use of a conditional parameter, checked once the space is known.</summary>
internal sealed record ConditionalUse(ParameterSymbol Parameter, NameSyntax Use, ImmutableList<Fact> Facts);
