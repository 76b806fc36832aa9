using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Compiler.Diagnostics;

// The search space (HYP2xxx): distributions and choices, conditions, constraints, the limits on
// a space's size, and the evaluation of values; each problem with its wording and help.
public static partial class CompilerDiagnostics
{
    private static string Count(long count) => count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    // ---- parameters and their distributions ----

    /// <summary>HYP2101 at the first parameter past <see cref="CheckLimits.MaxParameters"/>.</summary>
    internal static Diagnostic TooManyParameters(SourceSpan span, string experiment, int declared, string first) =>
        Create(TooManyParametersDescriptor, span,
            $"'{experiment}' declares {Count(declared)} parameters; at most {Count(CheckLimits.MaxParameters)} are allowed, and '{first}' is the first past the limit.",
            "Search fewer parameters: a list value ('widths = [16, 32, 64]') or a loop can stand for many similar ones.");

    /// <summary>HYP2103 at a parameter inside more than <see cref="CheckLimits.MaxConditionDepth"/> conditions (<paramref name="chain"/>: it, then the parameter its condition reads, and so on).</summary>
    internal static Diagnostic ConditionsTooDeep(SourceSpan span, string parameter, int level, IReadOnlyList<string> chain)
    {
        var shown = chain.Count <= 8 ? string.Join(" -> ", chain) : string.Join(" -> ", chain.Take(4)) + " -> ... -> " + string.Join(" -> ", chain.TakeLast(3));
        return Create(ConditionsTooDeepDescriptor, span,
            $"'{parameter}' exists only where {level} conditions hold, each inside the next ({shown}); at most {CheckLimits.MaxConditionDepth} may nest.",
            "Let the conditions test the parameters that decide them (such as 'when depth >= 3') rather than the previous conditional parameter.");
    }

    /// <summary>HYP2010 at a name in a parameter's value or condition that is declared after it.</summary>
    internal static Diagnostic UsesLaterParameter(SourceSpan span, string owner, string later, int laterLine) =>
        Create(ConditionUsesLaterParameterDescriptor, span,
            $"'{owner}' depends on '{later}', which is declared after it (line {laterLine}).",
            $"Declare '{later}' before '{owner}'.");

    /// <summary>HYP2010 at a parameter's own name in its value or condition.</summary>
    internal static Diagnostic UsesItself(SourceSpan span, string owner) =>
        Create(ConditionUsesLaterParameterDescriptor, span, $"'{owner}' depends on itself.");

    /// <summary>HYP1003 at '~ name(...)' where no entry has the name.</summary>
    internal static Diagnostic UnknownDistribution(SourceSpan span, string name, string? help) =>
        Create(UnknownCallDescriptor, span, $"Unknown distribution '{name}'; '~' takes uniform, loguniform, int or choice.", help);

    /// <summary>HYP2008 at what follows '~' when it is not a distribution: a call of another kind of entry, or a value.</summary>
    internal static Diagnostic NotADistribution(SourceSpan span, ExpressionSyntax found, string? help)
    {
        var what = found is CallSyntax other && BuiltinCatalog.Find(other.Callee.Name) is { } wrong
            ? $"'{other.Callee.Name}' is {EntryKinds.Describe(wrong.Kind)}"
            : found is CallSyntax unknown ? $"'{unknown.Callee.Name}' is not a distribution" : $"'{Shorten(found)}' is a value";
        return Create(NotADistributionDescriptor, span, $"'~' needs a distribution (uniform, loguniform, int or choice), but {what}.", help);
    }

    /// <summary>The help of HYP1003/HYP2008 at a call after '~': the closest distribution, else the distributions, else how to fix a value.</summary>
    internal static string DistributionHelp(string? didYouMean, bool isUnknown) =>
        didYouMean ?? (isUnknown ? "The distributions are uniform, loguniform, int and choice." : "Write a fixed value as 'name = value'.");

    /// <summary>The help of HYP2008 at 'width ~ [16, 32]': the values to choose from, written as a list.</summary>
    internal static string ChooseAmongList(string parameter, IEnumerable<ExpressionSyntax> values) =>
        $"To choose among these values, write '{parameter} ~ choice({string.Join(", ", values.Select(Shorten))})'.";

    /// <summary>The help of HYP2008 at a value after '~'.</summary>
    internal static string WriteFixedValue => "Write a fixed value as 'name = value'.";

    /// <summary>HYP2005 at 'choice()'.</summary>
    internal static Diagnostic EmptyChoice(SourceSpan span, string parameter) =>
        Create(EmptyChoiceDescriptor, span, $"'choice' for '{parameter}' lists no values.", "List at least two values, or write 'name = value' for a fixed one.");

    /// <summary>HYP2102 at a choice of more than <see cref="CheckLimits.MaxChoiceValues"/> values.</summary>
    internal static Diagnostic ChoiceTooLarge(SourceSpan span, string parameter, int values) =>
        Create(ChoiceTooLargeDescriptor, span,
            $"'choice' for '{parameter}' lists {Count(values)} values; at most {Count(CheckLimits.MaxChoiceValues)} are allowed.",
            $"Search a range instead, such as '{parameter} ~ int(low, high, step: s)', or derive the value from a smaller choice.");

    /// <summary>HYP1007 at a named argument of 'choice'.</summary>
    internal static Diagnostic ChoiceNamedArgument(SourceSpan span) =>
        Create(UnknownArgumentDescriptor, span, "'choice' takes only values, not named arguments.");

    /// <summary>HYP2007 at a value listed a second time in a choice.</summary>
    internal static Diagnostic DuplicateChoice(SourceSpan span, string value, string parameter) =>
        Create(DuplicateChoiceDescriptor, span, $"'{DiagnosticText.Excerpt(value)}' is listed twice in the choices of '{parameter}'.");

    /// <summary>HYP2009 at a choice's value that depends on other parameters.</summary>
    internal static Diagnostic ChoiceNotConstant(SourceSpan span, string parameter, ExpressionSyntax value) =>
        Create(BoundNotConstantDescriptor, span,
            $"The choices of '{parameter}' must be fixed values, but '{Shorten(value)}' depends on other parameters.", "Use a derived parameter ('name = expression') instead.");

    /// <summary>HYP2015 at a choice of one value.</summary>
    internal static Diagnostic SingleChoice(SourceSpan span, string parameter, string value) =>
        Create(SingleChoiceDescriptor, span, $"'{parameter}' has only one choice, so it is not searched.", $"Write '{parameter} = {DiagnosticText.Excerpt(value)}'.");

    /// <summary>HYP2006 at a choice's value of another type than those before it.</summary>
    internal static Diagnostic MixedChoice(SourceSpan span, string parameter, HypType before, HypType value) =>
        Create(MixedChoiceDescriptor, span,
            $"The choices of '{parameter}' mix {Article(before)} and {Article(value)}; all must have one type.",
            "Ints and floats mix (as floats); names, strings and booleans do not mix with anything else.");

    /// <summary>HYP2009 at a distribution's bound (<paramref name="what"/>: "low bound", "step") that depends on other parameters.</summary>
    internal static Diagnostic BoundNotConstant(SourceSpan span, string what, string distribution, ExpressionSyntax bound) =>
        Create(BoundNotConstantDescriptor, span,
            $"The {what} of '{distribution}' must be a fixed number, but '{Shorten(bound)}' depends on other parameters.",
            "Search a fixed range and derive the value: 'scale ~ uniform(0, 1)' then 'x = low + scale * (high - low)'.");

    /// <summary>HYP2001 at a distribution whose low bound is not below its high bound.</summary>
    internal static Diagnostic LowNotBelowHigh(SourceSpan span, string distribution, double low, double high) =>
        Create(LowNotBelowHighDescriptor, span,
            $"The low bound of '{distribution}' ({Value.FormatNumber(low)}) must be less than the high bound ({Value.FormatNumber(high)}).",
            low == high ? "For a fixed value write 'name = value'." : "Swap the bounds.");

    /// <summary>HYP2002 at a log-scale range's low bound that is not above 0.</summary>
    internal static Diagnostic LogNeedsPositiveLow(SourceSpan span, double low) =>
        Create(LogNeedsPositiveLowDescriptor, span,
            $"A log-scale range needs a low bound greater than 0, but it is {Value.FormatNumber(low)}.", "Use a small positive bound such as 1e-5, or a uniform range.");

    /// <summary>HYP2003 at a step given with a log scale.</summary>
    internal static Diagnostic StepWithLog(SourceSpan span) =>
        Create(StepWithLogDescriptor, span, "'step' cannot be combined with a log scale: log-scale values are not evenly spaced.",
            "Drop 'step', or use a uniform range with a step, or a 'choice' of values.");

    /// <summary>HYP2004 at a step that does not divide the range, so <paramref name="last"/> is the largest value searched.</summary>
    internal static Diagnostic StepDoesNotFit(SourceSpan span, double step, double low, double high, double last) =>
        Create(StepDoesNotFitDescriptor, span,
            $"The step {Value.FormatNumber(step)} does not divide [{Value.FormatNumber(low)}, {Value.FormatNumber(high)}] evenly, so the largest value searched is {Value.FormatNumber(last)}.",
            "Pick a step that divides the range, or move the high bound.");

    /// <summary>HYP2016 at a fixed parameter's value: <c>name = distribution(...)</c>.</summary>
    internal static Diagnostic DistributionWithEquals(SourceSpan span, string parameter, string distribution) =>
        Create(DistributionWithEqualsDescriptor, span, $"'{parameter} = {distribution}' fixes '{parameter}' to a distribution, which is not a value; a distribution is sampled with '~'.",
            $"Write '{parameter} ~ {distribution}'.");

    // ---- conditions and constraints ----

    /// <summary>HYP2014 at a parameter nothing uses.</summary>
    internal static Diagnostic UnusedParameter(SourceSpan span, string parameter) =>
        Create(UnusedParameterDescriptor, span,
            $"The parameter '{parameter}' is never used, so searching it only costs trials.", "Use it, or remove it.");

    /// <summary>HYP2011 at a parameter's condition that holds at no point of the space.</summary>
    internal static Diagnostic ConditionNeverTrue(SourceSpan span, string parameter) =>
        Create(ConditionNeverTrueDescriptor, span,
            $"The condition of '{parameter}' never holds anywhere in the space, so '{parameter}' is never sampled.",
            "Check the condition against the other parameters' ranges and choices.");

    /// <summary>HYP2012 at a constraint that no point satisfies.</summary>
    internal static Diagnostic ConstraintNeverHolds(SourceSpan span) =>
        Create(EmptySpaceDescriptor, span,
            $"No point of the search space satisfies this constraint, so no trial could run.", "Widen the parameters' ranges, or relax the constraint.");

    /// <summary>HYP2012 at the last of constraints that each hold somewhere but never together.</summary>
    internal static Diagnostic ConstraintsNeverHoldTogether(SourceSpan span) =>
        Create(EmptySpaceDescriptor, span,
            "Each constraint can be met, but no point of the search space meets all of them together, so no trial could run.",
            "Relax one of the constraints, or widen the parameters' ranges.");

    /// <summary>HYP2013 at a constraint that holds at every point.</summary>
    internal static Diagnostic ConstraintAlwaysHolds(SourceSpan span) =>
        Create(ConstraintAlwaysTrueDescriptor, span,
            "This constraint holds at every point of the search space, so it rules nothing out.", "Remove it, or tighten it.");

    /// <summary>HYP2017 at <c>lr == 0.001</c> where <c>lr</c> is sampled from a continuous range.</summary>
    internal static Diagnostic ContinuousEquality(SourceSpan span, string parameter, string comparison, bool equal) =>
        Create(ContinuousEqualityDescriptor, span, equal
                ? $"'{parameter}' is sampled from a continuous range, so '{comparison}' is almost never true."
                : $"'{parameter}' is sampled from a continuous range, so '{comparison}' is almost always true.",
            $"Compare with a bound ('{parameter} < ...' or '{parameter} >= ...'), or sample '{parameter}' from a list of values with 'choice(...)'.");

    /// <summary>HYP2201 at a use of a conditional parameter where its condition may not hold (<paramref name="counterexample"/>: a point where it does not, or "").</summary>
    internal static Diagnostic ConditionalOutsideCondition(SourceSpan span, string parameter, ExpressionSyntax condition, string counterexample)
    {
        var shown = Shorten(condition);
        return Create(ConditionalOutsideConditionDescriptor, span,
            $"'{parameter}' exists only when {shown}, but it is used here where that may not hold"
            + (counterexample.Length > 0 ? $" (for example when {counterexample})." : "."),
            $"Use it inside 'if {shown} {{ ... }}' or a matching 'match' arm, or pass it to an optional argument, where an inactive value means the default.");
    }

    // ---- evaluation at the points of the space ----

    /// <summary>HYP1107 at a match's subject where no arm takes its <paramref name="value"/>.</summary>
    internal static Diagnostic MatchNotExhaustive(SourceSpan span, ExpressionSyntax subject, Value value) =>
        Create(MatchNotExhaustiveDescriptor, span,
            $"This 'match' has no arm for {Shorten(subject)} = {DiagnosticText.Excerpt(value.Display)}, so it has no value there.",
            $"Add an arm for {DiagnosticText.Excerpt(value.Display)}, or a '_' arm.");

    // An evaluation fails deep inside the evaluator, which knows what failed but not at which point
    // of the space: it throws one of these, and the checker that enumerates the points reports it
    // with EvaluationFailed, which says where.

    /// <summary>HYP1103, thrown at an int division by zero.</summary>
    internal static EvaluationException DivisionByZero(SourceSpan span) =>
        new(NotWholeNumberDescriptor, span, $"'{ExpressionBinder.Shorten(span)}' divides by zero");

    /// <summary>HYP1103, thrown at an int division <paramref name="dividend"/>/<paramref name="divisor"/> with a remainder.</summary>
    internal static EvaluationException DivisionNotWhole(SourceSpan span, long dividend, long divisor) =>
        new(NotWholeNumberDescriptor, span, $"'{ExpressionBinder.Shorten(span)}' is {dividend}/{divisor}, which is not a whole number");

    /// <summary>HYP1103, thrown at an int raised to a negative power.</summary>
    internal static EvaluationException NegativeIntPower(SourceSpan span, long power) =>
        new(NotWholeNumberDescriptor, span, $"'{ExpressionBinder.Shorten(span)}' raises an int to the negative power {power}, which is not a whole number");

    /// <summary>HYP1105, thrown at an index outside a list of <paramref name="count"/> items.</summary>
    internal static EvaluationException IndexOutsideList(SourceSpan span, long index, int count) =>
        new(IndexOutOfRangeDescriptor, span,
            $"the index {index} is outside the list of {count} item{(count == 1 ? "" : "s")} (positions 0 to {count - 1})");

    /// <summary>The diagnostic of an evaluation that failed at the point <paramref name="when"/> ("" where it fails at every point).</summary>
    internal static Diagnostic EvaluationFailed(EvaluationException error, string when) =>
        Create(error.Descriptor, error.Span,
            char.ToUpperInvariant(error.Message[0]) + error.Message[1..] + (when.Length > 0 ? $", when {when}." : "."),
            error.Descriptor == NotWholeNumberDescriptor ? "Divide by a float (2.0) to get a float, and round it to an int with floor(...), ceil(...) or round(...) where an int is needed: floor(width / 3.0)." : null);

    // ---- limits on checking ----

    /// <summary>HYP2107 at an experiment stopped because those before it in the file used up <paramref name="steps"/>.</summary>
    internal static Diagnostic FileCheckTooLarge(SourceSpan span, string experiment, long steps, string stage) =>
        Create(CheckTooLargeDescriptor, span,
            $"The experiments of this file checked before '{experiment}' used up the {Count(steps)} checking steps a file may take, so it was stopped while checking {stage}.",
            "Put fewer large experiments in one file, or make the largest ones smaller.");

    /// <summary>HYP2107 at an experiment whose check takes more than <paramref name="steps"/>.</summary>
    internal static Diagnostic CheckTooLarge(SourceSpan span, string experiment, long steps, string stage) =>
        Create(CheckTooLargeDescriptor, span,
            $"Checking '{experiment}' takes more than {Count(steps)} steps (expressions evaluated and layers walked at every point of the space it enumerates); it was stopped while checking {stage}.",
            "Make the space smaller (fewer values per parameter, or fewer parameters that change the architecture), or the model smaller (fewer layers or loop iterations at each point).");
}
