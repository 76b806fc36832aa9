namespace HyperDsl.Compiler.Emit;

/// <summary>One generated C# file: its name (for the build or the disk), its text, and what it is meant to declare.</summary>
/// <param name="HintName">A file name such as <c>FashionCnn.g.cs</c>.</param>
/// <param name="Text">The C# source.</param>
/// <param name="Manifest">The types and members the generator meant the text to declare; hosting refuses text that declares anything else.</param>
public sealed record GeneratedSource(string HintName, string Text, GeneratedManifest Manifest);
