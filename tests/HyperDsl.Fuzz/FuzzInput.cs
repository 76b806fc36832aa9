namespace HyperDsl.Fuzz;

/// <summary>One spec to try: its bytes, the path it is checked under (imports resolve next to it) and how it was made.</summary>
/// <param name="DisplayPath">The path the spec is parsed under; relative imports resolve from its folder.</param>
/// <param name="Bytes">The file's bytes, exactly as a user would hand them to <c>hyp check</c>.</param>
/// <param name="Origin">How the input was made (seed file and mutations), for the report.</param>
public sealed record FuzzInput(string DisplayPath, byte[] Bytes, string Origin);
