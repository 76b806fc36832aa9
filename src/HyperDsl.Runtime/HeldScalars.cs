using System.Collections.Concurrent;
using TorchSharp;

namespace HyperDsl.Runtime;

/// <summary>
/// Constant Scalars that live as long as the process (issue 20). TorchSharp 0.107 frees a Scalar in
/// its finalizer, and one made implicitly from a number (<c>t.clamp_(0, 1)</c>, or inside
/// <c>t.add_(other)</c>, whose factor is an implicit 1) is unreachable as soon as its handle is
/// read, so a garbage collection during the native call can free it under LibTorch ("Unknown scalar
/// type", a failed toFloat at Scalar.h, or a wrong number). These are kept alive for good; a number
/// known only at run time is made with <c>using var s = x.ToScalar();</c>, which holds it until the
/// call has returned. <c>ImplicitScalarTests</c> checks the runtime's IL for any other.
/// </summary>
internal static class HeldScalars
{
    private static readonly ConcurrentDictionary<long, Scalar> Integers = new();
    private static readonly ConcurrentDictionary<double, Scalar> Reals = new();

    /// <summary>The integer 0, as an implicit <c>0</c> would be (it also suits integer tensors).</summary>
    public static Scalar Zero { get; } = Integer(0);

    /// <summary>The integer 1: also the factor of TorchSharp's overloads without one (<c>add(t)</c>, <c>add_(s)</c>).</summary>
    public static Scalar One { get; } = Integer(1);

    /// <summary>An integer constant written in the code (never a value computed at run time: each one is kept for good).</summary>
    public static Scalar Integer(long value) => Integers.GetOrAdd(value, static v => v.ToScalar());

    /// <summary>A real constant written in the code (never a value computed at run time: each one is kept for good).</summary>
    public static Scalar Real(double value) => Reals.GetOrAdd(value, static v => v.ToScalar());
}
