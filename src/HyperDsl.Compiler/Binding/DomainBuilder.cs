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
                diagnostics.Add(BoundNotConstant(expression.Span, what, distribution, expression));
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
            diagnostics.Add(LowNotBelowHigh(call.Span, distribution, low, high));
            return null;
        }

        if (log && low <= 0)
        {
            diagnostics.Add(LogNeedsPositiveLow(lowSyntax.Span, low));
            return null;
        }

        if (log && stepSyntax is not null)
        {
            diagnostics.Add(StepWithLog(stepSyntax.Span));
            return null;
        }

        if (step is { } s && s > 0)
        {
            var count = (high - low) / s;
            if (Math.Abs(count - Math.Round(count)) > 1e-9)
            {
                var last = low + (Math.Floor(count + 1e-9) * s);
                diagnostics.Add(StepDoesNotFit(stepSyntax!.Span, s, low, high, last));
                high = last;
            }
        }

        return meaning.Domain == DistributionDomainKind.IntRange
            ? new IntDomain((long)low, (long)high, log, (long)(step ?? 1))
            : new FloatDomain(low, high, log, step);
    }
}
