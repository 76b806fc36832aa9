using System.Collections.Immutable;
using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Compiler.Lowering;

/// <summary>
/// An experiment as it means, after checking: parameters with their domains and conditions,
/// constraints, the model as operations with resolved, named arguments, the blocks it may use,
/// the data and train settings and the objectives. Every node keeps its source span. The study
/// hash is its canonical text (<see cref="CanonicalText"/>).
/// </summary>
public sealed record LoweredExperiment(
    string Name,
    ImmutableArray<LoweredParameter> Parameters,
    ImmutableArray<LoweredConstraint> Constraints,
    ImmutableArray<LoweredStatement>? Model,
    ImmutableArray<LoweredBlock> Blocks,
    ImmutableArray<LoweredSetting> Data,
    ImmutableArray<LoweredSetting> Train,
    ImmutableArray<LoweredObjective> Objectives)
{
    /// <summary>
    /// The tune section's budget settings (<c>trials</c>, <c>timeout</c>, <c>sampler</c>,
    /// <c>pruner</c>, <c>parallel</c>, <c>seed</c>, <c>storage</c>): how the study searches, not
    /// what a trial means, so the study hash leaves them out.
    /// </summary>
    public ImmutableArray<LoweredSetting> Tune { get; init; } = [];

    /// <summary>The tune section's <c>try</c> points, in order (not hashed either: they only choose the first trials).</summary>
    public ImmutableArray<LoweredTryPoint> TryPoints { get; init; } = [];
}

/// <summary>A <c>try</c> point: a value for each parameter it names.</summary>
public sealed record LoweredTryPoint(ImmutableArray<LoweredAssignment> Assignments, SourceSpan Span);

/// <summary><c>name = value</c> in a <c>try</c> point.</summary>
public sealed record LoweredAssignment(string Name, LoweredExpression Value, SourceSpan Span);

/// <summary>
/// A parameter: sampled from a distribution (<see cref="Definition"/> is the distribution's call)
/// or fixed/derived (<see cref="Definition"/> is its value), existing where <see cref="Condition"/> holds.
/// </summary>
public sealed record LoweredParameter(ParameterSymbol Symbol, bool IsSampled, LoweredExpression Definition, LoweredExpression? Condition, SourceSpan Span)
{
    /// <summary>The parameter's name.</summary>
    public string Name => Symbol.Name;
}

/// <summary>A <c>require</c> constraint.</summary>
public sealed record LoweredConstraint(LoweredExpression Condition, SourceSpan Span);

/// <summary>A block declaration the model may use.</summary>
public sealed record LoweredBlock(BlockSymbol Symbol, ImmutableArray<LoweredBlockParameter> Parameters, ImmutableArray<LoweredStatement> Body);

/// <summary>A block's parameter: its declared type (if any) and default (if any).</summary>
public sealed record LoweredBlockParameter(BlockParameterSymbol Symbol, string? TypeName, bool IsOptional, LoweredExpression? Default)
{
    /// <summary>The parameter's name.</summary>
    public string Name => Symbol.Name;
}

/// <summary>A data or train setting: its arguments by parameter, or (augment, evaluate) its statements.</summary>
public sealed record LoweredSetting(string Name, SettingSpec? Spec, ImmutableArray<LoweredArgument> Arguments, ImmutableArray<LoweredStatement>? Body, SourceSpan Span)
{
    /// <summary>The argument of its first parameter (the only one most settings have), or null.</summary>
    public LoweredExpression? Value => Arguments.FirstOrDefault()?.Value;

    /// <summary>The argument under <paramref name="parameter"/>, or null when none was given.</summary>
    public LoweredExpression? Argument(string parameter) => Arguments.FirstOrDefault(a => a.Parameter == parameter)?.Value;
}

/// <summary>Finding a setting of a lowered section.</summary>
public static class LoweredSettings
{
    /// <summary>The setting called <paramref name="name"/> (the last, as an extending experiment's replaces its parent's), or null.</summary>
    public static LoweredSetting? Find(this ImmutableArray<LoweredSetting> section, string name) => section.LastOrDefault(s => s.Name == name);
}

/// <summary>One objective of the study.</summary>
public sealed record LoweredObjective(OptimizationDirection Direction, LoweredExpression Metric, SourceSpan Span);

/// <summary>A statement of a model, block or transform list.</summary>
public abstract record LoweredStatement(SourceSpan Span);

/// <summary>A catalogue layer (or transform, or backbone) with its arguments under their parameters.</summary>
public sealed record LoweredLayer(CatalogEntry Entry, ImmutableArray<LoweredArgument> Arguments, SourceSpan Span) : LoweredStatement(Span);

/// <summary>A use of a block, with its arguments under the block's parameters.</summary>
public sealed record LoweredBlockUse(BlockSymbol Block, ImmutableArray<LoweredArgument> Arguments, SourceSpan Span) : LoweredStatement(Span);

/// <summary><c>for variable in range { body }</c>; <see cref="Symbol"/> is what the body's uses of the variable resolve to (none for <c>_</c>).</summary>
public sealed record LoweredFor(string Variable, LoopVariableSymbol? Symbol, LoweredExpression Range, ImmutableArray<LoweredStatement> Body, SourceSpan Span) : LoweredStatement(Span);

/// <summary><c>if condition { then } else { else }</c> in a model.</summary>
public sealed record LoweredIfStatement(LoweredExpression Condition, ImmutableArray<LoweredStatement> Then, ImmutableArray<LoweredStatement> Else, SourceSpan Span) : LoweredStatement(Span);

/// <summary><c>match subject { patterns => { body } ... }</c> in a model.</summary>
public sealed record LoweredMatchStatement(LoweredExpression Subject, ImmutableArray<LoweredMatchStatementArm> Arms, SourceSpan Span) : LoweredStatement(Span);

/// <summary>An arm of a <see cref="LoweredMatchStatement"/>: its patterns (null for <c>_</c>) and its statements.</summary>
public sealed record LoweredMatchStatementArm(ImmutableArray<LoweredExpression?> Patterns, ImmutableArray<LoweredStatement> Body);

/// <summary><c>freeze all</c> or <c>freeze a.b, c</c>: layer paths as their name segments.</summary>
public sealed record LoweredFreeze(bool All, ImmutableArray<ImmutableArray<string>> Layers, SourceSpan Span) : LoweredStatement(Span)
{
    /// <summary>Where each of <see cref="Layers"/> is written, in the same order (a path the backbone lacks is reported there).</summary>
    public ImmutableArray<SourceSpan> LayerSpans { get; init; } = [.. Layers.Select(_ => Span)];
}

/// <summary><c>replace path with layer</c>.</summary>
public sealed record LoweredReplace(ImmutableArray<string> Target, LoweredStatement Replacement, SourceSpan Span) : LoweredStatement(Span)
{
    /// <summary>Where <see cref="Target"/> is written (a path that is not the head is reported there).</summary>
    public SourceSpan TargetSpan { get; init; } = Span;
}

/// <summary><c>residual(projection: ...) { body }</c>.</summary>
public sealed record LoweredResidual(ImmutableArray<LoweredArgument> Arguments, ImmutableArray<LoweredStatement> Body, SourceSpan Span) : LoweredStatement(Span);

/// <summary><c>save name</c>, <c>concat name</c> or <c>add name</c>: a named skip connection.</summary>
public sealed record LoweredSkip(SkipKind Kind, string Name, SourceSpan Span) : LoweredStatement(Span);

/// <summary>A layer name that resolved to nothing (only in specs with errors, which never reach generation).</summary>
public sealed record LoweredUnresolvedLayer(string Name, ImmutableArray<LoweredArgument> Arguments, SourceSpan Span) : LoweredStatement(Span);
