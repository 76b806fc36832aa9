using System.Collections.Immutable;
using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Lowering;

/// <summary>The lowering stage's entry point: a bound, checked experiment to its <see cref="LoweredExperiment"/>.</summary>
internal sealed class ExperimentLowerer
{
    private readonly SemanticModel _model;
    private readonly ExpressionLowerer _expressions;

    private ExperimentLowerer(SemanticModel model)
    {
        _model = model;
        _expressions = new ExpressionLowerer(model);
    }

    /// <summary>Lowers <paramref name="bound"/>.</summary>
    public static LoweredExperiment Lower(BoundExperiment bound)
    {
        ArgumentNullException.ThrowIfNull(bound);
        return new ExperimentLowerer(bound.Model).Experiment(bound);
    }

    private LoweredExperiment Experiment(BoundExperiment bound)
    {
        var experiment = bound.Experiment;
        var parameters = bound.Parameters.Select(p => p.Syntax switch
        {
            SampledParameterSyntax sampled => new LoweredParameter(p, true, Expression(sampled.Distribution), Optional(sampled.Condition), sampled.Span),
            FixedParameterSyntax fixedValue => new LoweredParameter(p, false, Expression(fixedValue.Value), Optional(fixedValue.Condition), fixedValue.Span),
            var other => throw new NotSupportedException($"the parameter declaration {other.GetType().Name}"),
        });
        var blocks = experiment.Blocks.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => new LoweredBlock(
            b.Value,
            [.. b.Value.Parameters.Select(p => new LoweredBlockParameter(p, p.Syntax.Type?.Name.Name, p.Syntax.Type?.IsOptional ?? false, Optional(p.Syntax.Default)))],
            Statements(b.Value.Syntax.Body)));
        var objectives = experiment.SettingsOf(SectionKind.Tune).OfType<ObjectiveSettingSyntax>().SelectMany(s => s.Objectives)
            .Select(o => new LoweredObjective(o.Direction, Expression(o.Metric), o.Span));
        return new LoweredExperiment(
            experiment.Name,
            [.. parameters],
            [.. experiment.Constraints.Select(c => new LoweredConstraint(Expression(c.Condition), c.Span))],
            experiment.Model is { } model ? Statements(model.Body) : null,
            [.. blocks],
            Settings(experiment.SettingsOf(SectionKind.Data), SectionKind.Data),
            Settings(experiment.SettingsOf(SectionKind.Train), SectionKind.Train),
            [.. objectives])
        {
            Tune = Settings([.. experiment.SettingsOf(SectionKind.Tune).OfType<ValueSettingSyntax>()], SectionKind.Tune),
            TryPoints = [.. experiment.SettingsOf(SectionKind.Tune).OfType<TrySettingSyntax>().Select(point => new LoweredTryPoint(
                [.. point.Assignments.Select(a => new LoweredAssignment(a.Name.Name, Expression(a.Value), a.Span))], point.Span))],
        };
    }

    private ImmutableArray<LoweredSetting> Settings(ImmutableArray<SettingSyntax> settings, SectionKind section) =>
    [
        .. settings.Select(setting =>
        {
            var spec = BuiltinCatalog.Settings.GetValueOrDefault((section, setting.Name.Name));
            return setting switch
            {
                ValueSettingSyntax value => new LoweredSetting(value.Name.Name, spec, _expressions.Arguments(spec?.Arguments ?? [], value.Arguments), null, value.Span),
                BlockSettingSyntax block => new LoweredSetting(block.Name.Name, spec, [], Statements(block.Body), block.Span),
                _ => null,
            };
        }).OfType<LoweredSetting>(),
    ];

    private ImmutableArray<LoweredStatement> Statements(ImmutableArray<StatementSyntax> statements) => [.. statements.Select(Statement)];

    private LoweredStatement Statement(StatementSyntax statement) => statement switch
    {
        LayerSyntax layer => Layer(layer),
        ForSyntax loop => new LoweredFor(loop.Variable.Name, _model.GetResolution(loop) as LoopVariableSymbol, Expression(loop.Range), Statements(loop.Body), loop.Span),
        IfStatementSyntax branch => new LoweredIfStatement(Expression(branch.Condition), Statements(branch.Then), Statements(branch.Else), branch.Span),
        MatchStatementSyntax match => new LoweredMatchStatement(
            Expression(match.Subject),
            [.. match.Arms.Select(a => new LoweredMatchStatementArm(_expressions.Patterns(a.Patterns), Statements(a.Body)))],
            match.Span),
        FreezeSyntax freeze => new LoweredFreeze(freeze.All, [.. freeze.Layers.Select(Path)], freeze.Span) { LayerSpans = [.. freeze.Layers.Select(l => l.Span)] },
        ReplaceSyntax replace => new LoweredReplace(Path(replace.Target), Layer(replace.Replacement), replace.Span) { TargetSpan = replace.Target.Span },
        ResidualSyntax residual => new LoweredResidual(_expressions.Arguments(ExperimentBinder.ResidualParameters, residual.Arguments), Statements(residual.Body), residual.Span),
        SkipSyntax skip => new LoweredSkip(skip.Kind, skip.Name.Name, skip.Span),
        _ => throw new NotSupportedException($"the statement {statement.GetType().Name} is not lowered"),
    };

    private static ImmutableArray<string> Path(LayerPathSyntax path) => [.. path.Segments.Select(s => s.Name)];

    private LoweredStatement Layer(LayerSyntax layer) => _model.GetResolution(layer) switch
    {
        CatalogEntry entry => new LoweredLayer(entry, _expressions.Arguments(entry.Parameters, layer.Arguments), layer.Span),
        BlockSymbol block => new LoweredBlockUse(
            block,
            _expressions.Arguments([.. block.Parameters.Select(p => new ArgSpec(p.Name, [], [], false, null, null, ""))], layer.Arguments),
            layer.Span),
        _ => new LoweredUnresolvedLayer(layer.Name.Name, _expressions.Arguments([], layer.Arguments), layer.Span),
    };

    private LoweredExpression Expression(ExpressionSyntax expression) => _expressions.Lower(expression);

    private LoweredExpression? Optional(ExpressionSyntax? expression) => expression is null ? null : _expressions.Lower(expression);
}
