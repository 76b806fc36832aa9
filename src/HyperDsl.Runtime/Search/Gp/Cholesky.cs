namespace HyperDsl.Runtime.Search.Gp;

/// <summary>The Cholesky factor of a symmetric positive definite matrix, and solves with it.</summary>
internal static class Cholesky
{
    /// <summary>The lower factor L with L Lᵀ = <paramref name="a"/>, or null when the matrix is not (numerically) positive definite.</summary>
    public static double[,]? Decompose(double[,] a)
    {
        var n = a.GetLength(0);
        var l = new double[n, n];
        for (var j = 0; j < n; j++)
        {
            var diagonal = a[j, j];
            for (var k = 0; k < j; k++)
            {
                diagonal -= l[j, k] * l[j, k];
            }

            if (!(diagonal > 0))
            {
                return null;
            }

            var pivot = Math.Sqrt(diagonal);
            l[j, j] = pivot;
            for (var i = j + 1; i < n; i++)
            {
                var sum = a[i, j];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[i, k] * l[j, k];
                }

                l[i, j] = sum / pivot;
            }
        }

        return l;
    }

    /// <summary>Solves L v = b.</summary>
    public static double[] SolveLower(double[,] l, ReadOnlySpan<double> b)
    {
        var n = b.Length;
        var v = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++)
            {
                sum -= l[i, k] * v[k];
            }

            v[i] = sum / l[i, i];
        }

        return v;
    }

    /// <summary>Solves Lᵀ v = b.</summary>
    public static double[] SolveUpper(double[,] l, ReadOnlySpan<double> b)
    {
        var n = b.Length;
        var v = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = b[i];
            for (var k = i + 1; k < n; k++)
            {
                sum -= l[k, i] * v[k];
            }

            v[i] = sum / l[i, i];
        }

        return v;
    }

    /// <summary>A⁻¹ from A's factor: L⁻¹ column by column, then L⁻ᵀ L⁻¹.</summary>
    public static double[,] Inverse(double[,] l)
    {
        var n = l.GetLength(0);
        var inverseL = new double[n, n];
        for (var j = 0; j < n; j++)
        {
            inverseL[j, j] = 1 / l[j, j];
            for (var i = j + 1; i < n; i++)
            {
                var sum = 0.0;
                for (var k = j; k < i; k++)
                {
                    sum -= l[i, k] * inverseL[k, j];
                }

                inverseL[i, j] = sum / l[i, i];
            }
        }

        var inverse = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = 0.0;
                for (var k = i; k < n; k++)
                {
                    sum += inverseL[k, i] * inverseL[k, j];
                }

                inverse[i, j] = sum;
                inverse[j, i] = sum;
            }
        }

        return inverse;
    }
}
