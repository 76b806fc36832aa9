using HyperDsl.Compiler.Semantics;

namespace HyperDsl.Compiler.Catalog;

/// <summary>
/// What a function of the language means, in one place for the binder (its result type), the
/// checker's evaluator (its value at a point) and the code generator (the runtime method the
/// generated C# calls): <c>HyperDsl.Runtime.SpecMath.&lt;RuntimeMethod&gt;</c>, which has an
/// overload for ints (long) and for floats (double) where the result keeps the argument type.
/// </summary>
/// <param name="AlwaysInt">Whether the result is an int whatever the arguments (floor, ceil, round); otherwise it is an int exactly when every argument is.</param>
/// <param name="Compute">The value from the arguments as numbers.</param>
/// <param name="RuntimeMethod">The <c>SpecMath</c> method the generated code calls, with the same meaning as <paramref name="Compute"/>.</param>
public sealed record FunctionMeaning(bool AlwaysInt, Func<IReadOnlyList<double>, double> Compute, string RuntimeMethod)
{
    /// <summary>The result's type for arguments of these types.</summary>
    public HypType ResultType(IReadOnlyList<HypType> arguments) =>
        AlwaysInt || arguments.All(t => t is IntType) ? IntType.Instance : FloatType.Instance;

    /// <summary>The result for these argument values (all numbers: the binder proved their types).</summary>
    public Value Evaluate(IReadOnlyList<Value> arguments)
    {
        var result = Compute([.. arguments.Select(Number)]);
        return AlwaysInt || arguments.All(a => a is IntValue) ? new IntValue((long)result) : new FloatValue(result);
    }

    private static double Number(Value value) => value switch
    {
        IntValue i => i.Value,
        FloatValue f => f.Value,
        QuantityValue q => q.Amount,
        _ => double.NaN,
    };
}
