namespace HyperDsl.Runtime.Studies.Storage;

/// <summary>The spec a study version was made from.</summary>
/// <param name="Hash">The spec's study hash: what a trial means (data, space, model, training, objectives), not its comments or budget.</param>
/// <param name="Path">The spec file as given.</param>
/// <param name="Text">The spec file's text.</param>
/// <param name="CompilerVersion">The HyperDsl version that compiled it.</param>
public sealed record SpecRecord(string Hash, string Path, string Text, string CompilerVersion);
