using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Search.Gp;

namespace HyperDsl.Runtime.Tests.Search.Gp;

/// <summary>Which choices open which branches is read from the complete trials: only a branch that a choice alone decides belongs to it.</summary>
public class BranchingChoiceTests
{
    private static readonly GpDimension Family = GpDimension.Of(new CategoricalSpace("family", ["a", "b", "c"], null))!;
    private static readonly GpDimension Act = GpDimension.Of(new CategoricalSpace("act", ["relu", "tanh"], null))!;
    private static readonly GpDimension Shift = GpDimension.Of(new FloatSpace("shift", 0, 1, false, null, null))!;

    private static (double?[] Main, IReadOnlySet<int> Entered) Trial(double family, double act, params int[] entered) =>
        ([family, act, 0.5], entered.ToHashSet());

    [Fact]
    public void Each_choice_gets_the_branches_every_trial_with_it_entered()
    {
        var found = BranchingChoice.Find([Family, Act, Shift], [Trial(0, 0, 0), Trial(0, 1, 0), Trial(1, 0, 1), Trial(2, 1), Trial(2, 0)], 2);

        var choice = Assert.Single(found);
        Assert.Equal(0, choice.Dimension);
        Assert.Equal([[0], [1], []], choice.BranchesOf.Select(b => b.ToArray()).ToArray());
    }

    [Fact]
    public void A_branch_entered_by_only_some_trials_with_a_choice_belongs_to_no_choice()
    {
        // Branch 0 is entered with family a only when something else holds too: family does not decide it.
        var found = BranchingChoice.Find([Family, Act, Shift], [Trial(0, 0, 0), Trial(0, 1), Trial(1, 0), Trial(1, 1)], 1);

        Assert.Empty(found);
    }

    [Fact]
    public void A_branch_every_trial_enters_opens_no_choice()
    {
        var found = BranchingChoice.Find([Family, Act, Shift], [Trial(0, 0, 0), Trial(1, 1, 0), Trial(2, 0, 0)], 1);

        Assert.Empty(found);
    }
}
