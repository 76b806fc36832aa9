namespace HyperDsl.Runtime.Search.CmaEs;

/// <summary>
/// The eigendecomposition of a small symmetric matrix by cyclic Jacobi rotations: accurate and
/// dependency-free for the few dimensions a hyperparameter space has.
/// </summary>
internal static class SymmetricEigen
{
    /// <summary>Eigenvalues of <paramref name="matrix"/> and the eigenvectors as the columns of the second result.</summary>
    public static (double[] Values, double[,] Vectors) Decompose(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        var v = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            v[i, i] = 1;
        }

        for (var sweep = 0; sweep < 100; sweep++)
        {
            var off = 0.0;
            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    off += a[p, q] * a[p, q];
                }
            }

            if (off < 1e-30)
            {
                break;
            }

            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    if (Math.Abs(a[p, q]) < 1e-300)
                    {
                        continue;
                    }

                    var theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    var c = 1 / Math.Sqrt((t * t) + 1);
                    var s = t * c;
                    Rotate(a, v, n, p, q, c, s);
                }
            }
        }

        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = a[i, i];
        }

        return (values, v);
    }

    // A ← JᵀAJ and V ← VJ for the rotation J in the (p, q) plane.
    private static void Rotate(double[,] a, double[,] v, int n, int p, int q, double c, double s)
    {
        for (var k = 0; k < n; k++)
        {
            var akp = a[k, p];
            var akq = a[k, q];
            a[k, p] = (c * akp) - (s * akq);
            a[k, q] = (s * akp) + (c * akq);
        }

        for (var k = 0; k < n; k++)
        {
            var apk = a[p, k];
            var aqk = a[q, k];
            a[p, k] = (c * apk) - (s * aqk);
            a[q, k] = (s * apk) + (c * aqk);
        }

        for (var k = 0; k < n; k++)
        {
            var vkp = v[k, p];
            var vkq = v[k, q];
            v[k, p] = (c * vkp) - (s * vkq);
            v[k, q] = (s * vkp) + (c * vkq);
        }
    }
}
