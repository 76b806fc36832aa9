namespace HyperDsl.Runtime.Tests;

public sealed class OpenMpWaitPlanTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] set) =>
        name => set.FirstOrDefault(v => v.Name == name).Value;

    [Theory]
    [InlineData(2, 2, 0)]
    [InlineData(4, 2, 2)]
    [InlineData(2, 2, 1)]
    [InlineData(2, 1, 2)]
    public void Auto_is_passive_on_free_and_on_busy_cores(int cores, int threads, int otherRunnable)
    {
        // Contention that starts after start-up is the common case (a build, a second study), and on an idle
        // machine passive costs about 1% (bench/README.md), so auto does not bet on the cores staying free.
        var plan = OpenMpWaitPlan.Decide(OpenMpWaitPolicy.Auto, Environment(), cores, threads, otherRunnable);

        Assert.Equal(new Dictionary<string, string> { ["OMP_WAIT_POLICY"] = "PASSIVE" }, plan.Variables);
        Assert.Contains($"{otherRunnable} other runnable thread(s)", plan.Reason, StringComparison.Ordinal);
    }


    [Fact]
    public void Active_leaves_libgomp_default_even_on_busy_cores()
    {
        var plan = OpenMpWaitPlan.Decide(OpenMpWaitPolicy.Active, Environment(), cores: 2, threads: 2, otherRunnable: 5);

        Assert.Empty(plan.Variables);
    }

    [Fact]
    public void Passive_is_passive_even_on_free_cores()
    {
        var plan = OpenMpWaitPlan.Decide(OpenMpWaitPolicy.Passive, Environment(), cores: 2, threads: 2, otherRunnable: 0);

        Assert.Equal(new Dictionary<string, string> { ["OMP_WAIT_POLICY"] = "PASSIVE" }, plan.Variables);
    }

    [Theory]
    [InlineData("passive", OpenMpWaitPolicy.Auto, OpenMpWaitPolicy.Passive)]
    [InlineData("ACTIVE", OpenMpWaitPolicy.Passive, OpenMpWaitPolicy.Active)]
    [InlineData(" auto ", OpenMpWaitPolicy.Active, OpenMpWaitPolicy.Auto)]
    [InlineData("", OpenMpWaitPolicy.Passive, OpenMpWaitPolicy.Passive)]
    public void The_environment_variable_wins_over_the_option(string value, OpenMpWaitPolicy option, OpenMpWaitPolicy expected)
    {
        var plan = OpenMpWaitPlan.Decide(option, Environment(("HYP_OMP_WAIT", value)), cores: 2, threads: 2, otherRunnable: 0);

        Assert.Equal(expected, plan.Policy);
    }

    [Theory]
    [InlineData("OMP_WAIT_POLICY", "ACTIVE")]
    [InlineData("GOMP_SPINCOUNT", "infinite")]
    public void A_variable_the_user_set_is_left_alone(string name, string value)
    {
        foreach (var policy in Enum.GetValues<OpenMpWaitPolicy>())
        {
            foreach (var others in new[] { 0, 8 })
            {
                var plan = OpenMpWaitPlan.Decide(policy, Environment((name, value), ("HYP_OMP_WAIT", "passive")), cores: 2, threads: 2, otherRunnable: others);

                Assert.Empty(plan.Variables);
                Assert.Contains(name, plan.Reason, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void An_unknown_policy_value_is_refused_naming_the_choices()
    {
        var error = Assert.Throws<RuntimeSettingException>(() => OpenMpWaitPlan.Decide(OpenMpWaitPolicy.Auto, Environment(("HYP_OMP_WAIT", "spin")), 2, 2, 0));

        Assert.Contains("HYP_OMP_WAIT is 'spin'", error.Message, StringComparison.Ordinal);
        Assert.Contains("auto, active or passive", error.Message, StringComparison.Ordinal);
    }
}
