namespace HyperDsl.Differential;

/// <summary>One generated spec: the seed that writes it again, its experiment's name, its text and the constructs it uses.</summary>
public sealed record GeneratedSpec(int Seed, string Name, string Text, IReadOnlySet<Construct> Constructs);
