using HyperDsl.Runtime.Search.CmaEs;

namespace HyperDsl.Runtime.Tests.Search;

/// <summary>The Jacobi eigensolver behind CMA-ES's covariance factorisation.</summary>
public class SymmetricEigenTests
{
    [Fact]
    public void Each_eigenpair_satisfies_A_v_equals_lambda_v()
    {
        double[,] a = { { 4, 1, -2, 0.5 }, { 1, 3, 0, 1 }, { -2, 0, 5, -1 }, { 0.5, 1, -1, 2 } };

        var (values, vectors) = SymmetricEigen.Decompose(a);

        for (var k = 0; k < 4; k++)
        {
            for (var i = 0; i < 4; i++)
            {
                var av = 0.0;
                for (var j = 0; j < 4; j++)
                {
                    av += a[i, j] * vectors[j, k];
                }

                Assert.Equal(values[k] * vectors[i, k], av, 1e-9);
            }
        }

        Assert.Equal(4 + 3 + 5 + 2, values.Sum(), 1e-9);
    }
}
