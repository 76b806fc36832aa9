using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Binding;

/// <summary>Turns <c>uniform</c>, <c>loguniform</c> and <c>int</c> calls into domains, checking their bounds.</summary>
internal static class DomainBuilder
{
    public static ParameterDomain? Range(CatalogEntry entry, CallSyntax call, SemanticModel model, List<Diagnostic> diagnostics)
    {
        var distribution = entry.Name;
        var meaning = entry.DistributionMeaning;
        ExpressionSyntax? Positional(int index) => call.Arguments.Where(a => a.Name is null).Select(a => a.Value).ElementAtOrDefault(index);
        ExpressionSyntax? Named(string name) => call.Arguments.FirstOrDefault(a => a.Name?.Name == name)?.Value;

        var lowSyntax = Named("low") ?? Positional(0);
        var highSyntax = Named("high") ?? Positional(1);
        var stepSyntax = Named("step");
        var log = meaning.AlwaysLog || Positional(2) is NameSyntax { Name: "log" } || Named("scale") is NameSyntax { Name: "log" };
        if (lowSyntax is null || highSyntax is null)
        {
            return null;
        }

        double? Fold(ExpressionSyntax expression, string what)
        {
            var value = ConstantFolder.TryFold(expression, model);
            if (value?.AsNumber is { } number)
            {
                return number;
            }

            if (model.GetType(expression) is not ErrorType)
            {
                diagnostics.Add(Create(BoundNotConstantDescriptor, expression.Span,
                    $"The {what} of '{distribution}' must be a fixed number, but '{ExpressionBinder.Shorten(expression)}' depends on other parameters.",
                    "Search a fixed range and derive the value: 'scale ~ uniform(0, 1)' then 'x = low + scale * (high - low)'."));
            }

            return null;
        }

        if (Fold(lowSyntax, "low bound") is not { } low || Fold(highSyntax, "high bound") is not { } high)
        {
            return null;
        }

        var step = stepSyntax is null ? null : Fold(stepSyntax, "step");
        if (low >= high)
        {
            diagnostics.Add(Create(LowNotBelowHighDescriptor, call.Span,
                $"The low bound of '{distribution}' ({Value.FormatNumber(low)}) must be less than the high bound ({Value.FormatNumber(high)}).",
                low == high ? "For a fixed value write 'name = value'." : "Swap the bounds."));
            return null;
        }

        if (log && low <= 0)
        {
            diagnostics.Add(Create(LogNeedsPositiveLowDescriptor, lowSyntax.Span,
                $"A log-scale range needs a low bound greater than 0, but it is {Value.FormatNumber(low)}.", "Use a small positive bound such as 1e-5, or a uniform range."));
            return null;
        }

        if (log && stepSyntax is not null)
        {
            diagnostics.Add(Create(StepWithLogDescriptor, stepSyntax.Span, "'step' cannot be combined with a log scale: log-scale values are not evenly spaced.",
                "Drop 'step', or use a uniform range with a step, or a 'choice' of values."));
            return null;
        }

        if (step is { } s && s > 0)
        {
            var count = (high - low) / s;
            if (Math.Abs(count - Math.Round(count)) > 1e-9)
            {
                var last = low + (Math.Floor(count + 1e-9) * s);
                diagnostics.Add(Create(StepDoesNotFitDescriptor, stepSyntax!.Span,
                    $"The step {Value.FormatNumber(s)} does not divide [{Value.FormatNumber(low)}, {Value.FormatNumber(high)}] evenly, so the largest value searched is {Value.FormatNumber(last)}.",
                    "Pick a step that divides the range, or move the high bound."));
                high = last;
            }
        }

        return meaning.Domain == DistributionDomainKind.IntRange
            ? new IntDomain((long)low, (long)high, log, (long)(step ?? 1))
            : new FloatDomain(low, high, log, step);
    }
}
