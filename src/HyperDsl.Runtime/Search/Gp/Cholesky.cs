using System.Numerics.Tensors;

namespace HyperDsl.Runtime.Search.Gp;

/// <summary>
/// The Cholesky factor of a symmetric positive definite matrix, and solves with it. Matrices are
/// arrays of rows so every inner loop is a contiguous dot product (vectorised).
/// </summary>
internal static class Cholesky
{
    /// <summary>The lower factor L (row i holds L[i, 0..i]) with L Lᵀ = <paramref name="a"/>, or null when the matrix is not (numerically) positive definite.</summary>
    public static double[][]? Decompose(double[][] a)
    {
        var n = a.Length;
        var l = new double[n][];
        for (var i = 0; i < n; i++)
        {
            var row = new double[i + 1];
            for (var j = 0; j < i; j++)
            {
                row[j] = (a[i][j] - TensorPrimitives.Dot(row.AsSpan(0, j), l[j].AsSpan(0, j))) / l[j][j];
            }

            var diagonal = a[i][i] - TensorPrimitives.Dot(row.AsSpan(0, i), row.AsSpan(0, i));
            if (!(diagonal > 0))
            {
                return null;
            }

            row[i] = Math.Sqrt(diagonal);
            l[i] = row;
        }

        return l;
    }

    /// <summary>Solves L v = b.</summary>
    public static double[] SolveLower(double[][] l, ReadOnlySpan<double> b)
    {
        var n = b.Length;
        var v = new double[n];
        for (var i = 0; i < n; i++)
        {
            v[i] = (b[i] - TensorPrimitives.Dot(l[i].AsSpan(0, i), v.AsSpan(0, i))) / l[i][i];
        }

        return v;
    }

    /// <summary>Solves Lᵀ v = b.</summary>
    public static double[] SolveUpper(double[][] l, ReadOnlySpan<double> b)
    {
        var n = b.Length;
        var v = b.ToArray();
        for (var i = n - 1; i >= 0; i--)
        {
            v[i] /= l[i][i];
            var vi = v[i];
            var row = l[i];
            for (var k = 0; k < i; k++)
            {
                v[k] -= row[k] * vi;
            }
        }

        return v;
    }

    /// <summary>A⁻¹ (full rows) from A's factor: L⁻¹ column by column, then L⁻ᵀ L⁻¹.</summary>
    public static double[][] Inverse(double[][] l)
    {
        var n = l.Length;

        // columns[j][k] = (L⁻¹)[k, j] for k ≥ j: each column of L⁻¹ by forward substitution.
        var columns = new double[n][];
        for (var j = 0; j < n; j++)
        {
            var column = new double[n];
            column[j] = 1 / l[j][j];
            for (var i = j + 1; i < n; i++)
            {
                column[i] = -TensorPrimitives.Dot(l[i].AsSpan(j, i - j), column.AsSpan(j, i - j)) / l[i][i];
            }

            columns[j] = column;
        }

        var inverse = new double[n][];
        for (var i = 0; i < n; i++)
        {
            inverse[i] = new double[n];
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = TensorPrimitives.Dot(columns[i].AsSpan(i), columns[j].AsSpan(i));
                inverse[i][j] = sum;
                inverse[j][i] = sum;
            }
        }

        return inverse;
    }
}
