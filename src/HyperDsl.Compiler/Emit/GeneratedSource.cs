namespace HyperDsl.Compiler.Emit;

/// <summary>One generated C# file: its name (for the build or the disk) and its text.</summary>
/// <param name="HintName">A file name such as <c>FashionCnn.g.cs</c>.</param>
/// <param name="Text">The C# source.</param>
public sealed record GeneratedSource(string HintName, string Text);
