namespace HyperDsl.Fuzz;

/// <summary>The specs mutations start from: the examples (real, valid specs) and the corpus of tricky inputs.</summary>
public static class SeedSpecs
{
    /// <summary>Every <c>.hyp</c> file under the folders, sorted by path so a seed means the same inputs on every machine.</summary>
    public static IReadOnlyList<FuzzInput> Load(params string[] folders) =>
        [.. folders
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.hyp", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .Select(path => new FuzzInput(path, File.ReadAllBytes(path), Path.GetFileName(path)))];
}
