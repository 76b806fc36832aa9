namespace HyperDsl.Compiler.Resolution;

/// <summary>
/// Reads imported specs from disk with <see cref="SpecFileReader"/> (regular <c>.hyp</c> files
/// only, bounded in size): what hosts (the CLI, the build tool) pass to
/// <see cref="HypCompilation.Create"/>; the compiler itself never touches the file system.
/// </summary>
public sealed class FileSystemSourceResolver : ISourceResolver
{
    /// <inheritdoc />
    public SpecFileRead Read(string path) => SpecFileReader.Read(path, SpecFileNaming.HypExtension);
}
