namespace HyperDsl.Fuzz;

/// <summary>A broken promise found by the fuzzer (as opposed to an exception a stage threw).</summary>
public sealed class FuzzFindingException(string message) : Exception(message);
