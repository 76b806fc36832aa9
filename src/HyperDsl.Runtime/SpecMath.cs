namespace HyperDsl.Runtime;

/// <summary>
/// The arithmetic of the spec language where it differs from C#: int division and powers stay
/// ints and must be whole. The checker proves this for every point of the space; generated code
/// still checks, so a hand-built parameter record cannot slip past.
/// </summary>
public static class SpecMath
{
    /// <summary><c>a / b</c> on ints: exact, or an exception naming both numbers.</summary>
    public static long Divide(long a, long b)
    {
        if (b == 0 || a % b != 0)
        {
            throw new ArgumentException($"{a} / {b} is not a whole number; the spec's int division must divide exactly.", nameof(b));
        }

        return a / b;
    }

    /// <summary><c>a ^ b</c> on ints, for a non-negative exponent.</summary>
    public static long Power(long a, long b)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        long result = 1;
        for (long i = 0; i < b; i++)
        {
            result = checked(result * a);
        }

        return result;
    }

    // The spec's functions (min, max, floor, ceil, round, abs): the catalogue entry of each names
    // its method here, and the checker's evaluator computes the same (FunctionMeaning).

    /// <summary><c>min(a, b)</c> on ints.</summary>
    public static long Min(long a, long b) => Math.Min(a, b);

    /// <summary><c>min(a, b)</c> on floats.</summary>
    public static double Min(double a, double b) => Math.Min(a, b);

    /// <summary><c>max(a, b)</c> on ints.</summary>
    public static long Max(long a, long b) => Math.Max(a, b);

    /// <summary><c>max(a, b)</c> on floats.</summary>
    public static double Max(double a, double b) => Math.Max(a, b);

    /// <summary><c>abs(x)</c> on ints.</summary>
    public static long Abs(long x) => Math.Abs(x);

    /// <summary><c>abs(x)</c> on floats.</summary>
    public static double Abs(double x) => Math.Abs(x);

    /// <summary><c>floor(x)</c>: rounds down to an int.</summary>
    public static long Floor(double x) => (long)Math.Floor(x);

    /// <summary><c>ceil(x)</c>: rounds up to an int.</summary>
    public static long Ceiling(double x) => (long)Math.Ceiling(x);

    /// <summary><c>round(x)</c>: rounds to the nearest int, halves away from zero.</summary>
    public static long Round(double x) => (long)Math.Round(x, MidpointRounding.AwayFromZero);

    /// <summary>A spec int as the int a layer takes, failing loudly rather than wrapping.</summary>
    public static int ToInt(long value) => checked((int)value);
}
