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

    /// <summary>A spec int as the int a layer takes, failing loudly rather than wrapping.</summary>
    public static int ToInt(long value) => checked((int)value);
}
