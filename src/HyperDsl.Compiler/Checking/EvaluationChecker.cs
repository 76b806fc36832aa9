using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Checking;

/// <summary>
/// Every value the generated code computes from a point must compute there: a derived parameter,
/// a setting's argument, a transform's or a layer's. 'decay = [epochs / 2] epochs' with 'epochs'
/// 5 is not a whole number (HYP1103), and 'sizes[depth]' past the list's end has no value
/// (HYP1105); the trial would stop with an exception instead.
/// </summary>
/// <remarks>
/// The shape checker reports such failures in what decides the model's shapes; this checker
/// covers the rest (the training settings, the pipelines, shape-irrelevant arguments such as a
/// dropout rate, derived parameters) and leaves out a problem already reported at its place.
/// A derived parameter counts only where its condition holds, as the generated code reads it.
/// </remarks>
internal sealed class EvaluationChecker
{
    private readonly Binding.SemanticModel _model;
    private readonly List<Diagnostic> _diagnostics;
    private readonly SpaceEnumerator _space;
    private readonly HashSet<(string Code, Syntax.Text.SourceSpan Span)> _reported;

    private readonly EvaluatedArguments _evaluated;

    /// <param name="model">The bound experiment's model.</param>
    /// <param name="diagnostics">Where failures are reported (and those already reported, left out).</param>
    /// <param name="budget">The check's budget.</param>
    /// <param name="evaluated">Arguments the range check already evaluated at every point: their outcome is read, not computed again.</param>
    public EvaluationChecker(Binding.SemanticModel model, List<Diagnostic> diagnostics, CheckBudget budget, EvaluatedArguments? evaluated = null)
    {
        _model = model;
        _diagnostics = diagnostics;
        _space = new SpaceEnumerator(model, budget);
        _reported = [.. diagnostics.Select(d => (d.Code, d.Span))];
        _evaluated = evaluated ?? new EvaluatedArguments();
    }

    public void Check(EffectiveExperiment experiment, IReadOnlyList<ParameterSymbol> parameters)
    {
        foreach (var parameter in parameters.Where(p => p.Syntax is FixedParameterSyntax))
        {
            var fixedValue = (FixedParameterSyntax)parameter.Syntax;
            CheckAtEveryPoint([fixedValue.Value, .. parameter.Condition is { } condition ? [condition] : Array.Empty<ExpressionSyntax>()],
                environment => _space.Evaluator.ValueOf(parameter, environment));
        }

        // A value that uses a loop variable or a block's parameter is computed where the loop or
        // block gives it one: the shape checker's walk evaluates those, with that value.
        foreach (var value in Arguments(experiment).Where(v => SyntaxWalker.Names(v).All(n => _model.GetResolution(n) is not Symbol or ParameterSymbol)))
        {
            if (_evaluated.TryGet(value, out var failure))
            {
                if (failure is var (error, point))
                {
                    Report(error, point);
                }

                continue;
            }

            CheckAtEveryPoint([value], environment => _space.Evaluator.Evaluate(value, environment));
        }
    }

    // The arguments of every setting, of the pipelines' transforms and of the model's layers.
    private static IEnumerable<ExpressionSyntax> Arguments(EffectiveExperiment experiment)
    {
        foreach (var setting in experiment.Settings.Values.SelectMany(s => s))
        {
            switch (setting)
            {
                case ValueSettingSyntax value:
                    foreach (var argument in value.Arguments)
                    {
                        yield return argument.Value;
                    }

                    break;
                case BlockSettingSyntax block:
                    foreach (var argument in SyntaxWalker.Layers(block.Body).SelectMany(l => l.Arguments))
                    {
                        yield return argument.Value;
                    }

                    break;
            }
        }

        if (experiment.Model is { } model)
        {
            foreach (var argument in SyntaxWalker.Layers(model.Body).SelectMany(l => l.Arguments))
            {
                yield return argument.Value;
            }
        }
    }

    private void CheckAtEveryPoint(IReadOnlyList<ExpressionSyntax> uses, Func<Evaluation.Environment, Semantics.Value> evaluate)
    {
        foreach (var point in _space.Enumerate(_space.Dependencies(uses)).Points)
        {
            try
            {
                evaluate(new Evaluation.Environment(point));
            }
            catch (EvaluationException error)
            {
                Report(error, SpaceEnumerator.Describe(point));
                return;
            }
        }
    }

    private void Report(EvaluationException error, string point)
    {
        if (_reported.Add((error.Descriptor.Code, error.Span)))
        {
            _diagnostics.Add(EvaluationFailed(error, point));
        }
    }
}
