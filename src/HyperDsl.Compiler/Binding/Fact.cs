using System.Collections.Immutable;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Binding;

/// <summary>Something known to hold where an expression is used: an enclosing <c>if</c>, <c>match</c> arm, <c>when</c> or <c>and</c>.</summary>
internal abstract record Fact;

/// <summary>A condition known to be true (or, with <see cref="Holds"/> false, known to be false).</summary>
internal sealed record ConditionFact(ExpressionSyntax Condition, bool Holds) : Fact;

/// <summary>A match subject known to equal one of <see cref="Patterns"/>, and none of <see cref="Excluded"/>.</summary>
/// <param name="Subject">The value matched.</param>
/// <param name="Patterns">The patterns of the arm.</param>
/// <param name="Excluded">The patterns of the earlier arms, read when needed: a copy per arm would cost the square of the arms.</param>
internal sealed record MatchFact(ExpressionSyntax Subject, ImmutableArray<PatternSyntax> Patterns, IEnumerable<PatternSyntax> Excluded) : Fact
{
    /// <summary>The fact inside arm <paramref name="index"/> of <paramref name="arms"/>.</summary>
    public static MatchFact ForArm<TArm>(ExpressionSyntax subject, ImmutableArray<TArm> arms, int index, Func<TArm, ImmutableArray<PatternSyntax>> patterns) =>
        new(subject, patterns(arms[index]), arms.Take(index).SelectMany(a => patterns(a)));
}

/// <summary>A use of a conditional parameter, checked once the space is known.</summary>
internal sealed record ConditionalUse(ParameterSymbol Parameter, NameSyntax Use, ImmutableList<Fact> Facts);
