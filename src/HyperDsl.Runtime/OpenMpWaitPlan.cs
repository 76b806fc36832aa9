using System.Globalization;

namespace HyperDsl.Runtime;

/// <summary>
/// The OpenMP variables to put into the native environment before LibTorch loads, and why.
/// libgomp reads <c>OMP_WAIT_POLICY</c> and <c>GOMP_SPINCOUNT</c> once, when it is loaded, so
/// they cannot change afterwards. A pure decision: <see cref="Decide"/> reads nothing itself.
/// </summary>
/// <param name="Policy">The policy that was asked for (after <see cref="PolicyVariable"/>).</param>
/// <param name="Variables">What to set; empty when nothing is to change.</param>
/// <param name="Reason">One line for logs and reports: what was chosen and why.</param>
public sealed record OpenMpWaitPlan(OpenMpWaitPolicy Policy, IReadOnlyDictionary<string, string> Variables, string Reason)
{
    /// <summary>The environment variable that chooses the policy: auto, active or passive (it wins over <see cref="RuntimeOptions.OpenMpWait"/>).</summary>
    public const string PolicyVariable = "HYP_OMP_WAIT";

    /// <summary>libgomp's wait policy variable (ACTIVE or PASSIVE).</summary>
    public const string WaitPolicyVariable = "OMP_WAIT_POLICY";

    /// <summary>libgomp's spin count: how many rounds a waiting thread spins before it sleeps.</summary>
    public const string SpinCountVariable = "GOMP_SPINCOUNT";

    /// <summary>
    /// A bounded spin count (about 0.1 ms instead of libgomp's 3 ms) that the training bench
    /// compares with passive waiting (its side runtime-bounded). Auto does not use it: beside a busy
    /// process it kept 40% of the idle rate against passive's 55%, and on idle cores the two were
    /// within the noise (bench/README.md, "Shared cores").
    /// </summary>
    public const int BoundedSpinCount = 10_000;

    /// <summary>
    /// Decides the variables. <paramref name="environment"/> reads the process's variables (null
    /// when unset); <paramref name="threads"/> is the process's intra-op thread count and
    /// <paramref name="otherRunnable"/> the threads of other work that were runnable at start-up.
    /// </summary>
    /// <exception cref="RuntimeSettingException"><see cref="PolicyVariable"/> holds something other than auto, active or passive.</exception>
    public static OpenMpWaitPlan Decide(OpenMpWaitPolicy requested, Func<string, string?> environment, int cores, int threads, int otherRunnable)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var policy = ParsePolicy(environment(PolicyVariable)) ?? requested;
        foreach (var name in new[] { WaitPolicyVariable, SpinCountVariable })
        {
            if (!string.IsNullOrEmpty(environment(name)))
            {
                return new(policy, Empty, $"{name}={environment(name)} was set by the user; left as it is");
            }
        }

        return policy switch
        {
            OpenMpWaitPolicy.Active => new(policy, Empty, "active: libgomp's default spinning"),
            OpenMpWaitPolicy.Passive => new(policy, Passive, "passive: threads sleep at once"),
            // Passive even on free cores: work that starts later (a build, a second study) is the common way cores get
            // shared, and the load seen at start-up cannot foresee it; on idle cores passive costs about 1%.
            _ => new(policy, Passive, Text($"auto: passive ({otherRunnable} other runnable thread(s) and {threads} of ours on {cores} core(s) at start-up)")),
        };
    }

    /// <summary>Reads a <see cref="PolicyVariable"/> value; null when unset.</summary>
    /// <exception cref="RuntimeSettingException">The value is not auto, active or passive.</exception>
    public static OpenMpWaitPolicy? ParsePolicy(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "auto" => OpenMpWaitPolicy.Auto,
        "active" => OpenMpWaitPolicy.Active,
        "passive" => OpenMpWaitPolicy.Passive,
        _ => throw new RuntimeSettingException($"{PolicyVariable} is '{value}', but it must be auto, active or passive (or unset, which means auto)."),
    };

    private static readonly Dictionary<string, string> Empty = [];

    private static readonly Dictionary<string, string> Passive = new(StringComparer.Ordinal) { [WaitPolicyVariable] = "PASSIVE" };

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
