namespace HyperDsl.Compiler;

/// <summary>
/// The sizes the checker accepts. No real spec comes near them (docs/language.md, "Limits",
/// says what each is for); they make the check of any input finish in seconds, in bounded
/// memory and stack, with a diagnostic that says which limit was passed and how to restructure.
/// The expression limits are <see cref="Syntax.SyntaxLimits"/>.
/// </summary>
public static class CheckLimits
{
    /// <summary>Parameters of one experiment, sampled and derived (HYP2101).</summary>
    public const int MaxParameters = 1_000;

    /// <summary>Values of one <c>choice</c> (HYP2102).</summary>
    public const int MaxChoiceValues = 10_000;

    /// <summary>Conditional parameters whose <c>when</c> conditions depend on each other in a chain (HYP2103).</summary>
    public const int MaxConditionDepth = 32;

    /// <summary>Experiments in one <c>extends</c> chain, the experiment itself not counted (HYP2104).</summary>
    public const int MaxExtendsDepth = 32;

    /// <summary>Loops, branches, match arms, residual bodies and block uses nested inside each other (HYP2105).</summary>
    public const int MaxModelNesting = 64;

    /// <summary>Layers, block uses, loop iterations and branches of the model at one point, loops and blocks unrolled (HYP2106).</summary>
    public const int MaxUnrolledSteps = 10_000;

    /// <summary>Cells of edit distance computed for "did you mean" hints in one compilation; past it, diagnostics come without hints.</summary>
    public const long MaxSuggestionWork = 20_000_000;

    /// <summary>Architecture points enumerated exactly; larger spaces are checked on representative values.</summary>
    public const long MaxEnumeratedPoints = 100_000;

    /// <summary>Checking steps (expression nodes evaluated, layers walked, parameters of enumerated points) for one experiment (HYP2107).</summary>
    public const long MaxCheckStepsPerExperiment = 25_000_000;

    /// <summary>Checking steps for the experiments of one file given to the compilation, all together (HYP2107): a file of many experiments extending one large one is not checked for hours.</summary>
    public const long MaxCheckStepsPerFile = 60_000_000;
}
