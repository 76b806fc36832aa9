using HyperDsl.Runtime.Search.Gp;

namespace HyperDsl.Runtime.Tests.Search.Gp;

/// <summary>The factor reproduces its matrix, the solves invert it, and a singular matrix is reported.</summary>
public class CholeskyTests
{
    // A symmetric positive definite 4x4 (lower triangle by rows, as the Gaussian process builds it).
    private static readonly double[][] Matrix = [[4], [2, 5], [0.4, 1, 3], [1, -0.5, 0.2, 2]];

    private static double At(int i, int j) => i >= j ? Matrix[i][j] : Matrix[j][i];

    [Fact]
    public void The_factor_times_its_transpose_is_the_matrix()
    {
        var l = Cholesky.Decompose(Matrix)!;

        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                Assert.Equal(At(i, j), Enumerable.Range(0, j + 1).Sum(k => l[i][k] * l[j][k]), 12);
            }
        }
    }

    [Fact]
    public void The_solves_and_the_inverse_undo_the_matrix()
    {
        var l = Cholesky.Decompose(Matrix)!;
        double[] b = [1, -2, 0.5, 3];
        var x = Cholesky.SolveUpper(l, Cholesky.SolveLower(l, b));
        var inverse = Cholesky.Inverse(l);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(b[i], Enumerable.Range(0, 4).Sum(k => At(i, k) * x[k]), 12);
            for (var j = 0; j < 4; j++)
            {
                Assert.Equal(i == j ? 1 : 0, Enumerable.Range(0, 4).Sum(k => At(i, k) * inverse[k][j]), 12);
            }
        }
    }

    [Fact]
    public void A_matrix_that_is_not_positive_definite_has_no_factor()
    {
        Assert.Null(Cholesky.Decompose([[1], [2, 1]]));
    }
}
