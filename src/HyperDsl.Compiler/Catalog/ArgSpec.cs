using System.Collections.Immutable;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Compiler.Catalog;

/// <summary>
/// One parameter of a catalogue entry or setting: its name, what it accepts, whether it is
/// required, its default, and the range its value must lie in.
/// </summary>
/// <param name="Name">The name used for a named argument.</param>
/// <param name="Types">The value types accepted (an int is accepted where a float is).</param>
/// <param name="Keywords">Bare names accepted as values, such as <c>same</c> for padding.</param>
/// <param name="Required">True when the argument must be given.</param>
/// <param name="Default">The value used when the argument is not given (or is an inactive conditional parameter).</param>
/// <param name="Range">The interval a numeric value must lie in, if any.</param>
/// <param name="Summary">One line for the docs.</param>
public sealed record ArgSpec(
    string Name,
    ImmutableArray<HypType> Types,
    ImmutableArray<string> Keywords,
    bool Required,
    Value? Default,
    NumericRange? Range,
    string Summary)
{
    /// <summary>True when the argument may repeat (the choices of <c>choice</c>).</summary>
    public bool Variadic { get; init; }

    /// <summary>True when the value names a metric the trainer reports.</summary>
    public bool IsMetric { get; init; }

    /// <summary>True when bare names are taken as written (layer names such as <c>fc</c>), not looked up.</summary>
    public bool TakesLayerNames { get; init; }

    /// <summary>
    /// A warning for a value that is allowed but probably not meant (batchnorm's momentum 0.9, which
    /// is Keras's convention), given the value's span and the number; null when the value looks meant.
    /// </summary>
    public Func<SourceSpan, double, Diagnostic?>? Advise { get; init; }

    /// <summary>
    /// True when the value changes no shape, parameter count or FLOPs (a dropout probability, a
    /// batch-norm momentum): the shape check need not walk each of its values.
    /// </summary>
    public bool ChangesNoShape { get; init; }

    /// <summary>
    /// True when a keyword-only argument may be given a choice of its keywords (<c>padding_mode: m</c> with
    /// <c>m ~ choice(zeros, reflect)</c>): its runtime takes the chosen one and the shape check walks each.
    /// </summary>
    public bool KeywordsChoosable { get; init; }

    /// <summary>A list with one value per class (a loss's class weights): the shape checker holds its length to the model's outputs at every point.</summary>
    public bool PerClass { get; init; }

    /// <summary>Whether a value of <paramref name="type"/> may be passed.</summary>
    public bool AcceptsType(HypType type) => Types.Any(t => t.Accepts(type));

    private static string Plural(HypType element) => element switch
    {
        IntType => "ints",
        FloatType => "numbers",
        StringType => "strings",
        QuantityType { Unit: Syntax.Ast.QuantityUnit.Percent } => "percentages",
        QuantityType quantity => $"numbers of {quantity.DisplayName}",
        _ => $"{element.DisplayName} values",
    };

    /// <summary>How the accepted values are named in messages: "an int or 'same'".</summary>
    public string Describe()
    {
        var parts = Types.Select(t => t switch
        {
            IntType => "an int",
            FloatType => "a number",
            BoolType => "true or false",
            StringType => "a string",
            ListType list => $"a list of {Plural(list.Element)}",
            QuantityType quantity => quantity.Unit == Syntax.Ast.QuantityUnit.Percent ? "a percentage" : $"a number of {quantity.DisplayName}",
            DurationType => "a duration such as 2h",
            RangeType => "a range",
            ObjectType obj => EntryKinds.Describe(obj.Kind),
            _ => t.DisplayName,
        }).Concat(Keywords.Select(k => $"'{k}'")).Distinct().ToList();
        return parts.Count switch
        {
            0 => "nothing",
            1 => parts[0],
            _ => string.Join(", ", parts.Take(parts.Count - 1)) + " or " + parts[^1],
        };
    }
}
