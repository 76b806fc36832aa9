namespace HyperDsl.Compiler.Resolution;

/// <summary>
/// Lists the class folders of a spec's <c>image_folder</c> at check time, so that the model's
/// outputs are checked against the classes the data holds. Like <see cref="ISourceResolver"/> it
/// keeps I/O out of the compiler: a resolver that also implements this (as
/// <see cref="FileSystemSourceResolver"/> does) lets <see cref="HypCompilation.Create"/> count
/// them; without one (specs from text) the count stays unknown until <c>hyp run</c> loads the data.
/// </summary>
public interface IDataFolderReader
{
    /// <summary>
    /// The class folders of the image folder <paramref name="path"/>, resolved as <c>hyp run</c>
    /// resolves it for the spec at <paramref name="specPath"/>, or null when it cannot be read
    /// (missing, not a folder, no permission): then nothing is known, as before.
    /// </summary>
    ClassFolderListing? ListClassFolders(string specPath, string path);
}

/// <summary>The class folders an image folder holds, or that it holds too many entries to list.</summary>
/// <param name="Names">The class folders' names in ordinal order (empty when <paramref name="TooManyEntries"/>).</param>
/// <param name="TooManyEntries">True when the folder holds more than <see cref="MaxEntries"/> entries, so it was not listed to the end.</param>
public sealed record ClassFolderListing(IReadOnlyList<string> Names, bool TooManyEntries)
{
    /// <summary>The most entries the top of an image folder may hold (the runtime's limit too).</summary>
    public static int MaxEntries => Shared.ImageClassFolders.MaxEntries;

    /// <summary>The most classes an image folder may have (the runtime's limit too).</summary>
    public static int MaxClasses => Shared.ImageClassFolders.MaxClasses;
}
