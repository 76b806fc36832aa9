namespace HyperDsl.Compiler.Catalog;

/// <summary>
/// The argument of a schedule that says when something happens during training, which the
/// checker compares with the number of epochs (a milestone at or after the last epoch never
/// takes effect).
/// </summary>
/// <param name="Parameter">The schedule's parameter, its first: <c>at</c>, <c>every</c>, <c>duration</c>.</param>
/// <param name="What">How messages name it: "milestone", "step interval", "warm-up".</param>
/// <param name="IsPhase">True when it is the length of a phase the rest of the schedule follows (a warm-up), false when it is a moment at which the rate changes.</param>
public sealed record ScheduleTiming(string Parameter, string What, bool IsPhase = false);
