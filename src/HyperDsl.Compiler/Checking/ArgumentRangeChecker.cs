using System.Collections.Immutable;
using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Checking;

/// <summary>
/// Checks every argument with an allowed range (a dropout probability in [0, 1), a positive
/// learning rate, a kernel of at least 1) over every value the space can give it.
/// </summary>
internal sealed class ArgumentRangeChecker
{
    private readonly SemanticModel _model;
    private readonly List<Diagnostic> _diagnostics;
    private readonly SpaceEnumerator _space;

    public ArgumentRangeChecker(SemanticModel model, List<Diagnostic> diagnostics, CheckBudget budget)
    {
        _model = model;
        _diagnostics = diagnostics;
        _space = new SpaceEnumerator(model, budget);
    }

    /// <summary>The ranged arguments this check evaluated at every point, for <see cref="EvaluationChecker"/>.</summary>
    public EvaluatedArguments Evaluated { get; } = new();

    public void Check(EffectiveExperiment experiment)
    {
        var calls = new List<(string Owner, ImmutableArray<ArgSpec> Parameters, ImmutableArray<ArgumentSyntax> Arguments)>();
        foreach (var setting in experiment.Settings.SelectMany(s => s.Value.Select(v => (Section: s.Key, Setting: v))))
        {
            switch (setting.Setting)
            {
                case ValueSettingSyntax value when BuiltinCatalog.Settings.TryGetValue((setting.Section, value.Name.Name), out var spec):
                    calls.Add((value.Name.Name, spec.Arguments, value.Arguments));
                    calls.AddRange(value.Arguments.SelectMany(a => Calls(a.Value)));
                    break;
                case BlockSettingSyntax block:
                    calls.AddRange(LayerCalls(block.Body));
                    break;
            }
        }

        if (experiment.Model is { } model)
        {
            calls.AddRange(LayerCalls(model.Body));
        }

        foreach (var parameter in experiment.Parameters.OfType<FixedParameterSyntax>())
        {
            calls.AddRange(Calls(parameter.Value));
        }

        foreach (var setting in experiment.Settings.SelectMany(s => s.Value).OfType<ValueSettingSyntax>())
        {
            foreach (var call in setting.Arguments.SelectMany(a => SyntaxWalker.Expressions(a.Value)).OfType<CallSyntax>())
            {
                if (_model.GetResolution(call) is CatalogEntry entry)
                {
                    CheckOrder(entry, call);
                    CheckPositiveWhen(entry, call);
                }
            }
        }

        foreach (var (owner, parameters, arguments) in calls)
        {
            var position = 0;
            foreach (var argument in arguments)
            {
                var spec = argument.Name is { } name ? parameters.FirstOrDefault(p => p.Name == name.Name) : parameters.ElementAtOrDefault(position++);
                if (spec?.Range is { } range)
                {
                    CheckRange(owner, spec, range, argument.Value);
                }

                if (spec?.Advise is { } advise)
                {
                    Advise(advise, argument.Value);
                }
            }
        }
    }

    private void CheckRange(string owner, ArgSpec spec, NumericRange range, ExpressionSyntax value)
    {
        (EvaluationException, string)? failure = null;
        foreach (var point in _space.Enumerate(_space.Dependencies([value])).Points)
        {
            Value computed;
            try
            {
                computed = _space.Evaluator.Evaluate(value, new Evaluation.Environment(point));
            }
            catch (EvaluationException error)
            {
                // Not a number here: the range has nothing to say; the evaluation check reports it.
                failure ??= (error, SpaceEnumerator.Describe(point));
                computed = InactiveValue.Instance;
            }

            var number = computed switch
            {
                QuantityValue quantity => quantity.Amount,
                var other => other.AsNumber,
            };
            if (number is { } n && !range.Contains(n))
            {
                _diagnostics.Add(ArgumentOutOfRange(value.Span, spec.Name, owner, range, n, SpaceEnumerator.Describe(point)));
                return;
            }
        }

        Evaluated.Record(value, failure);
    }

    // Each pair the entry orders (max_lr not below base_lr), over every point both arguments depend on.
    private void CheckOrder(CatalogEntry entry, CallSyntax call)
    {
        if (entry.NotBelow.IsEmpty)
        {
            return;
        }

        var given = Lowering.ExpressionLowerer.Match(entry.Parameters, call.Arguments).ToDictionary(a => a.Parameter, a => a.Values[^1], StringComparer.Ordinal);
        foreach (var (parameter, bound) in entry.NotBelow)
        {
            if (!given.TryGetValue(parameter, out var value) || !given.TryGetValue(bound, out var limit))
            {
                continue;
            }

            foreach (var point in _space.Enumerate(_space.Dependencies([value, limit])).Points)
            {
                var environment = new Evaluation.Environment(point);
                if (_space.SafeEvaluate(value, environment).AsNumber is { } n && _space.SafeEvaluate(limit, environment).AsNumber is { } low && n < low)
                {
                    _diagnostics.Add(ArgumentBelowBound(value.Span, parameter, entry.Name, bound, low, n, SpaceEnumerator.Describe(point)));
                    return;
                }
            }
        }
    }

    // Each pair the entry ties (nesterov needs a momentum above 0), over every point both depend on;
    // an argument left out counts with its default.
    private void CheckPositiveWhen(CatalogEntry entry, CallSyntax call)
    {
        if (entry.PositiveWhen.IsEmpty)
        {
            return;
        }

        var given = Lowering.ExpressionLowerer.Match(entry.Parameters, call.Arguments).ToDictionary(a => a.Parameter, a => a.Values[^1], StringComparer.Ordinal);
        foreach (var (flag, parameter) in entry.PositiveWhen)
        {
            if (!given.TryGetValue(flag, out var switched))
            {
                continue;
            }

            given.TryGetValue(parameter, out var value);
            var fallback = entry.Find(parameter)?.Default?.AsNumber;
            foreach (var point in _space.Enumerate(_space.Dependencies(value is null ? [switched] : [switched, value])).Points)
            {
                var environment = new Evaluation.Environment(point);
                var number = value is null ? fallback : _space.SafeEvaluate(value, environment).AsNumber;
                if (_space.SafeEvaluate(switched, environment) is BoolValue { Value: true } && number is { } n && n <= 0)
                {
                    _diagnostics.Add(FlagNeedsPositive(value?.Span ?? switched.Span, flag, entry.Name, parameter, n, isDefault: value is null, SpaceEnumerator.Describe(point)));
                    return;
                }
            }
        }
    }

    // The catalogue's advice on the first value the space gives that it warns about.
    private void Advise(Func<Syntax.Text.SourceSpan, double, Diagnostic?> advise, ExpressionSyntax value)
    {
        foreach (var point in _space.Enumerate(_space.Dependencies([value])).Points)
        {
            if (_space.SafeEvaluate(value, new Evaluation.Environment(point)).AsNumber is { } number && advise(value.Span, number) is { } advice)
            {
                _diagnostics.Add(advice);
                return;
            }
        }
    }

    private IEnumerable<(string, ImmutableArray<ArgSpec>, ImmutableArray<ArgumentSyntax>)> Calls(ExpressionSyntax expression) =>
        SyntaxWalker.Expressions(expression).OfType<CallSyntax>()
            .Select(call => (call, entry: _model.GetResolution(call) as CatalogEntry))
            .Where(c => c.entry is not null && c.entry.Kind != EntryKind.Distribution)
            .Select(c => (c.entry!.Name, c.entry.Parameters, c.call.Arguments));

    private IEnumerable<(string Owner, ImmutableArray<ArgSpec>, ImmutableArray<ArgumentSyntax>)> LayerCalls(IEnumerable<StatementSyntax> statements) =>
        SyntaxWalker.Layers(statements)
            .Select(layer => (layer, entry: _model.GetResolution(layer) as CatalogEntry))
            .Where(l => l.entry is not null)
            .Select(l => (l.entry!.Name, l.entry.Parameters, l.layer.Arguments));
}
