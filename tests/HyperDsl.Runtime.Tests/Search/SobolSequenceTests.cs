using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Tests.Search;

public class SobolSequenceTests
{
    private static double At(long index, int dimension) => SobolSequence.Bits32(index, dimension) / 4294967296.0;

    [Fact]
    public void Points_match_PyTorch_SobolEngine_in_all_21_dimensions()
    {
        // torch.quasirandom.SobolEngine(21, scramble=False).draw(1024)[1000:1003], PyTorch 1.13.
        double[][] expected =
        [
            [0.2197266, 0.09667969, 0.5185547, 0.6767578, 0.2802734, 0.9072266, 0.04589844, 0.8994141, 0.5009766, 0.06933594, 0.08496094, 0.2548828, 0.1611328, 0.3837891, 0.1435547, 0.3701172, 0.7197266, 0.3447266, 0.9912109, 0.7255859, 0.5224609],
            [0.7197266, 0.5966797, 0.01855469, 0.1767578, 0.7802734, 0.4072266, 0.5458984, 0.3994141, 0.0009765625, 0.5693359, 0.5849609, 0.7548828, 0.6611328, 0.8837891, 0.6435547, 0.8701172, 0.2197266, 0.8447266, 0.4912109, 0.2255859, 0.02246094],
            [0.9697266, 0.3466797, 0.7685547, 0.9267578, 0.5302734, 0.1572266, 0.2958984, 0.1494141, 0.2509766, 0.8193359, 0.8349609, 0.5048828, 0.4111328, 0.1337891, 0.8935547, 0.1201172, 0.4697266, 0.09472656, 0.2412109, 0.9755859, 0.7724609],
        ];

        Assert.Equal(21, SobolSequence.MaxDimensions);
        for (var row = 0; row < 3; row++)
        {
            for (var d = 0; d < 21; d++)
            {
                Assert.Equal(expected[row][d], At(1000 + row, d), 6);
            }
        }
    }

    [Fact]
    public void The_first_points_fill_every_elementary_interval_of_the_first_two_dimensions_once()
    {
        // Sobol's first 2^k points in dimensions 1 and 2 form a (0, k, 2)-net.
        const int K = 8;
        for (var split = 0; split <= K; split++)
        {
            var cells = Enumerable.Range(0, 1 << K)
                .Select(i => ((int)(At(i, 0) * (1 << split)), (int)(At(i, 1) * (1 << (K - split)))))
                .Distinct()
                .Count();
            Assert.Equal(1 << K, cells);
        }
    }
}
