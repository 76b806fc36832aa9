namespace HyperDsl.Differential;

/// <summary>
/// One generated spec: the seed that writes it again, its experiment's name, its text and the
/// constructs it uses; <see cref="MustReject"/> is the code the checker must refuse it with when
/// it was written not to train (null for a spec written to be valid).
/// </summary>
public sealed record GeneratedSpec(int Seed, string Name, string Text, IReadOnlySet<Construct> Constructs, string? MustReject = null);
