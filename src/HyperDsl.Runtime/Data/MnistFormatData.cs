namespace HyperDsl.Runtime.Data;

/// <summary>
/// Fashion-MNIST and MNIST: four IDX files with the standard names
/// (<c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c>,
/// <c>t10k-labels-idx1-ubyte</c>, each optionally <c>.gz</c>) in one folder. A folder the caller
/// names is the data folder: it is used alone, and lacking the files there is an error, never a
/// reason to train on another copy. Without a folder, the standard places are searched in order
/// (<see cref="StandardPlaces"/>), and the splits' <see cref="ImageDataset.Source"/> says which one held them.
/// </summary>
public static class MnistFormatData
{
    /// <summary>The environment variable naming a folder that holds one sub-folder per data set (<c>fashion-mnist</c>, <c>mnist</c>).</summary>
    public const string DataDirectoryVariable = "HYP_DATA_DIR";

    /// <summary>What the error says when Fashion-MNIST is nowhere to be found.</summary>
    internal const string FashionMnistHowToGet = "apt-get install dataset-fashion-mnist (Debian and Ubuntu; it installs /usr/share/datasets/fashion-mnist)";

    private static readonly string[] Stems = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>Loads Fashion-MNIST (train and test splits; no validation split yet).</summary>
    /// <param name="directory">The folder that holds the four files; null to search the standard places.</param>
    /// <exception cref="DataFileException">The folder (or every standard place) lacks the files, or a file is corrupt.</exception>
    public static DataSplits LoadFashionMnist(string? directory = null) =>
        directory is null
            ? LoadFromFirst(StandardPlaces("fashion-mnist"), "Fashion-MNIST", FashionMnistHowToGet)
            : LoadFromFolder(directory, "Fashion-MNIST", "fashion_mnist");

    /// <summary>Loads MNIST (train and test splits; no validation split yet).</summary>
    /// <param name="directory">The folder that holds the four files; null to search the standard places.</param>
    /// <exception cref="DataFileException">The folder (or every standard place) lacks the files, or a file is corrupt.</exception>
    public static DataSplits LoadMnist(string? directory = null) =>
        directory is null
            ? LoadFromFirst(StandardPlaces("mnist"), "MNIST", "download the four files from the MNIST database's home page")
            : LoadFromFolder(directory, "MNIST", "mnist");

    /// <summary>
    /// The folders searched, in order, for the data set in sub-folder <paramref name="name"/> when no
    /// folder is named: <c>$HYP_DATA_DIR/NAME</c> (when set), <c>/usr/share/datasets/NAME</c> (Debian's
    /// packages), <c>~/.cache/hyperdsl/datasets/NAME</c> (or under <c>$XDG_CACHE_HOME</c>).
    /// </summary>
    public static IReadOnlyList<string> StandardPlaces(string name)
    {
        var places = new List<string>();
        if (Environment.GetEnvironmentVariable(DataDirectoryVariable) is { Length: > 0 } dataDirectory)
        {
            places.Add(Path.Combine(dataDirectory, name));
        }

        places.Add(Path.Combine("/usr/share/datasets", name));
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        places.Add(Path.Combine(cache, "hyperdsl", "datasets", name));
        return places;
    }

    /// <summary>Loads from the named <paramref name="folder"/> only.</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="title">The data set's name in messages.</param>
    /// <param name="sourceName">The spec's name of the source, for the hint.</param>
    internal static DataSplits LoadFromFolder(string folder, string title, string sourceName)
    {
        if (folder.Length == 0)
        {
            throw new DataFileException(folder, $"The {title} folder is given as an empty name; name the folder that holds {Expected()}, or leave the folder out to use the standard places.");
        }

        var files = Stems.Select(stem => Find(folder, stem)).ToArray();
        if (files.Any(f => f is null))
        {
            var missing = Stems.Where((_, i) => files[i] is null).Select(s => s + "[.gz]").ToList();
            var what = !Directory.Exists(folder)
                ? "does not exist"
                : missing.Count == Stems.Length ? $"holds none of {Expected()}" : $"lacks {string.Join(", ", missing)}";
            throw new DataFileException(
                folder,
                $"The {title} folder '{folder}' {what}; a named folder must hold all four IDX files ({Expected()}). Put them there, or leave the folder out (`{sourceName}()`) to use the standard places.");
        }

        return Load(files!, $"{title} in {folder}");
    }

    /// <summary>Loads from the first of <paramref name="places"/> that holds all four files.</summary>
    /// <param name="places">Folders, in order.</param>
    /// <param name="title">The data set's name in messages.</param>
    /// <param name="howToGet">What the error says to do when no folder has the files.</param>
    internal static DataSplits LoadFromFirst(IReadOnlyList<string> places, string title, string howToGet)
    {
        foreach (var place in places)
        {
            var files = Stems.Select(stem => Find(place, stem)).ToArray();
            if (files.All(f => f is not null))
            {
                return Load(files!, $"{title} in {place} (the first standard place that holds it)");
            }
        }

        throw new DataFileException(
            places.Count > 0 ? places[0] : "",
            $"{title} was not found. Looked for {Expected()} in: {string.Join(", ", places)}. To get it: {howToGet}; or put the four files in one of those folders, or in a folder of your own that the spec names.");
    }

    private static string Expected() => string.Join(", ", Stems.Select(s => s + ".gz")) + " (or the same names without .gz)";

    private static DataSplits Load(string[] files, string source)
    {
        var train = IdxDataset.Load(files[0], files[1], classCount: 10, source);
        try
        {
            return new DataSplits(train, Test: IdxDataset.Load(files[2], files[3], classCount: 10, source));
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    private static string? Find(string directory, string stem)
    {
        foreach (var candidate in new[] { stem + ".gz", stem })
        {
            var path = Path.Combine(directory, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
