using HyperDsl.Runtime.Training;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Tests.Training;

public sealed class RankingMetricsTests
{
    public RankingMetricsTests() => TorchRuntime.EnsureInitialized();

    private static Tensor Scores(float[,] values) => tensor(values);

    private static Tensor Labels(params long[] labels) => tensor(labels);

    [Fact]
    public void Top5_counts_a_label_in_fifth_place_but_not_in_sixth_and_counts_ties_for_the_label()
    {
        using var scores = Scores(new float[,]
        {
            { 1, 2, 9, 3, 4, 5, 6 }, // label 2 scores highest
            { 1, 2, 4, 5, 6, 7, 3 }, // label 6: four classes higher, fifth place
            { 1, 2, 3, 4, 5, 6, 7 }, // label 1: five classes higher, sixth place
            { 3, 7, 6, 5, 3, 4, 3 }, // label 4: four higher, tied with two others for fifth
        });
        using var labels = Labels(2, 6, 1, 4);

        using var correct = TopKAccuracy.Correct(scores, labels, 5);

        Assert.Equal(3, correct.item<long>());
    }

    [Fact]
    public void Top5_of_five_classes_or_fewer_counts_every_example()
    {
        using var scores = Scores(new float[,] { { 1, 2, 3 }, { 3, 2, 1 } });
        using var labels = Labels(0, 2);

        using var correct = TopKAccuracy.Correct(scores, labels, 5);

        Assert.Equal(2, correct.item<long>());
    }

    [Fact]
    public void Binary_auc_ranks_the_second_class_s_score_and_counts_tied_pairs_half()
    {
        // Positives score 0.5, 0.9, 0.3; negatives 0.2, 0.5, 0.1. Of the 9 (positive, negative)
        // pairs 7 are ordered right and one (0.5, 0.5) is tied: AUC = 7.5 / 9.
        // Column 0 would give 1.5 / 9 for class 0: a two-class AUC must not average it in.
        float[] second = [0.2f, 0.5f, 0.5f, 0.9f, 0.1f, 0.3f];
        using var scores = stack([tensor(second), tensor(second)], 1);
        using var labels = Labels(0, 0, 1, 1, 0, 1);

        Assert.Equal(7.5 / 9, RocAuc.Compute(scores, labels), 12);
    }

    [Fact]
    public void Multiclass_auc_is_the_mean_of_each_class_against_the_rest_with_ties_counting_half()
    {
        using var scores = Scores(new float[,]
        {
            { 0.5f, 0.25f, 0.25f },  // label 0
            { 0.25f, 0.5f, 0.25f },  // label 1
            { 0.5f, 0.25f, 0.25f },  // label 2
            { 0.25f, 0.25f, 0.5f },  // label 0
            { 0.5f, 0.5f, 0f },      // label 1
            { 0f, 0.25f, 0.75f },    // label 2
        });
        using var labels = Labels(0, 1, 2, 0, 1, 2);

        // Class 0: positives 0.5, 0.25 against 0.25, 0.5, 0.5, 0 win 1 + 1 and 0.5 + 0.5 + 0.5 for the
        // ties: 4.5 / 8. Class 1: both 0.5 beat all four 0.25: 8 / 8. Class 2: 0.25 beats 0 and ties
        // 0.25 twice (2), 0.75 beats all four (4): 6 / 8.
        var expected = (4.5 / 8 + 1 + 6.0 / 8) / 3;
        Assert.Equal(expected, RocAuc.Compute(scores, labels), 12);
    }

    [Fact]
    public void A_class_with_no_examples_is_left_out_of_the_multiclass_mean()
    {
        using var three = Scores(new float[,] { { 0.5f, 0.25f, 0.25f }, { 0.25f, 0.5f, 0.25f }, { 0.5f, 0.25f, 0.25f }, { 0.25f, 0.25f, 0.5f }, { 0.5f, 0.5f, 0f }, { 0f, 0.25f, 0.75f } });
        using var four = cat([three, zeros(6, 1)], 1);
        using var labels = Labels(0, 1, 2, 0, 1, 2);

        Assert.Equal(RocAuc.Compute(three, labels), RocAuc.Compute(four, labels), 12);
    }

    [Fact]
    public void Auc_is_the_same_for_log_probabilities_as_for_probabilities()
    {
        using var generator = new Generator(3, CPU);
        using var logits = randn([40, 4], generator: generator);
        using var labels = randint(0, 4, [40], ScalarType.Int64, generator: generator);
        using var probabilities = logits.softmax(1);
        using var logProbabilities = LossFunction.CrossEntropy().Scores(logits);

        Assert.Equal(RocAuc.Compute(probabilities, labels), RocAuc.Compute(logProbabilities, labels), 9);
    }
}
