using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Resolution;

namespace HyperDsl.Compiler;

/// <summary>An experiment as the binder left it: what the code generator reads.</summary>
internal sealed record BoundExperiment(EffectiveExperiment Experiment, SemanticModel Model, IReadOnlyList<ParameterSymbol> Parameters);
