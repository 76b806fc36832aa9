namespace HyperDsl.Runtime.Search;

/// <summary>
/// The Sobol low-discrepancy sequence in up to 21 dimensions, with Joe and Kuo's direction
/// numbers (new-joe-kuo-6.21201) in Gray-code order, the order PyTorch's <c>SobolEngine</c> and
/// SciPy use. Any point is computed from its index alone, so trials need no shared state.
/// </summary>
internal static class SobolSequence
{
    private const int Bits = 32;

    // Per dimension from the second: degree s, coefficients a, initial m_1..m_s.
    private static readonly (int S, uint A, uint[] M)[] Primitives =
    [
        (1, 0, [1]),
        (2, 1, [1, 3]),
        (3, 1, [1, 3, 1]),
        (3, 2, [1, 1, 1]),
        (4, 1, [1, 1, 3, 3]),
        (4, 4, [1, 3, 5, 13]),
        (5, 2, [1, 1, 5, 5, 17]),
        (5, 4, [1, 1, 5, 5, 5]),
        (5, 7, [1, 1, 7, 11, 19]),
        (5, 11, [1, 1, 5, 1, 1]),
        (5, 13, [1, 1, 1, 3, 11]),
        (5, 14, [1, 3, 5, 5, 31]),
        (6, 1, [1, 3, 3, 9, 7, 49]),
        (6, 13, [1, 1, 1, 15, 21, 21]),
        (6, 16, [1, 3, 1, 13, 27, 49]),
        (6, 19, [1, 1, 1, 15, 7, 5]),
        (6, 22, [1, 3, 1, 15, 13, 25]),
        (6, 25, [1, 1, 5, 5, 19, 61]),
        (7, 1, [1, 3, 7, 11, 23, 15, 103]),
        (7, 4, [1, 3, 7, 13, 13, 15, 69]),
    ];

    private static readonly uint[][] Directions = BuildDirections();

    /// <summary>How many dimensions the table covers.</summary>
    public static int MaxDimensions => Directions.Length;

    /// <summary>Coordinate <paramref name="dimension"/> of point <paramref name="index"/> as 32 bits (the fraction × 2³²).</summary>
    public static uint Bits32(long index, int dimension)
    {
        var gray = (ulong)index ^ ((ulong)index >> 1);
        var v = Directions[dimension];
        var x = 0u;
        for (var bit = 0; gray != 0 && bit < Bits; bit++, gray >>= 1)
        {
            if ((gray & 1) != 0)
            {
                x ^= v[bit];
            }
        }

        return x;
    }

    private static uint[][] BuildDirections()
    {
        var directions = new uint[Primitives.Length + 1][];
        directions[0] = [.. Enumerable.Range(0, Bits).Select(k => 1u << (Bits - 1 - k))];
        for (var d = 0; d < Primitives.Length; d++)
        {
            var (s, a, m) = Primitives[d];
            var v = new uint[Bits];
            for (var k = 0; k < s; k++)
            {
                v[k] = m[k] << (Bits - 1 - k);
            }

            for (var k = s; k < Bits; k++)
            {
                v[k] = v[k - s] ^ (v[k - s] >> s);
                for (var j = 1; j < s; j++)
                {
                    // a's bits, most significant first, are the coefficients a_1..a_(s-1).
                    if (((a >> (s - 1 - j)) & 1) != 0)
                    {
                        v[k] ^= v[k - j];
                    }
                }
            }

            directions[d + 1] = v;
        }

        return directions;
    }
}
