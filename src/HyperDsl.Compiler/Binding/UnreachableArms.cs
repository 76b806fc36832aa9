using System.Collections.Immutable;
using System.Globalization;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Binding;

/// <summary>
/// Finds the arms of a <c>match</c> that can never be chosen (HYP1109). The first arm that
/// matches a value takes it, so an arm after <c>_</c>, or a pattern naming a value an earlier
/// pattern already names, is dead text: a mistake in a hand-written spec (usually a copied arm
/// whose value was not changed), and in a generated or hostile one a way to make the model,
/// the checker's work and the generated code grow with no change in meaning.
/// </summary>
/// <remarks>
/// Only constant patterns are compared (a choice, keyword, number, string or bool). A pattern
/// that names a parameter depends on the point of the space, so it is never called dead here.
/// Runs after the patterns are bound, because whether a name is a constant is the binder's answer.
/// </remarks>
internal static class UnreachableArms
{
    public static void Report<TArm>(ImmutableArray<TArm> arms, Func<TArm, ImmutableArray<PatternSyntax>> patternsOf, SemanticModel model, List<Diagnostic> diagnostics)
    {
        var taken = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        SourceSpan? catchAll = null;
        foreach (var arm in arms)
        {
            var patterns = patternsOf(arm);
            if (catchAll is { } wildcard)
            {
                if (!patterns.IsEmpty)
                {
                    diagnostics.Add(ArmAfterWildcard(patterns[0].Span, wildcard.Start.Line));
                }

                continue;
            }

            foreach (var pattern in patterns)
            {
                if (pattern is WildcardPatternSyntax)
                {
                    catchAll ??= pattern.Span;
                    continue;
                }

                if (pattern is not ExpressionPatternSyntax { Value: var value } || ConstantKey(value, model) is not { } key)
                {
                    continue;
                }

                if (taken.TryGetValue(key, out var earlier))
                {
                    diagnostics.Add(PatternAlreadyMatched(pattern.Span, earlier.Start.Line));
                }
                else
                {
                    taken.Add(key, pattern.Span);
                }
            }
        }
    }

    /// <summary>The identity of a constant pattern's value; null where the pattern is not a constant.</summary>
    private static string? ConstantKey(ExpressionSyntax value, SemanticModel model) => value switch
    {
        NameSyntax name => model.GetResolution(name) switch
        {
            EnumValue member => "choice:" + member.Member,
            KeywordValue keyword => "keyword:" + keyword.Keyword,
            _ => null,
        },
        NumberLiteralSyntax number => "number:" + number.Value.ToString("R", CultureInfo.InvariantCulture),
        StringLiteralSyntax text => "string:" + text.Value,
        BooleanLiteralSyntax flag => flag.Value ? "bool:true" : "bool:false",
        _ => null,
    };
}
