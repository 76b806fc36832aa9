namespace HyperDsl.Runtime.Data;

/// <summary>
/// Fashion-MNIST and MNIST: four IDX files with the standard names
/// (<c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c>,
/// <c>t10k-labels-idx1-ubyte</c>, each optionally <c>.gz</c>) in one folder, found by searching
/// the usual places in order.
/// </summary>
public static class MnistFormatData
{
    /// <summary>The environment variable naming a folder that holds one sub-folder per data set (<c>fashion-mnist</c>, <c>mnist</c>).</summary>
    public const string DataDirectoryVariable = "HYP_DATA_DIR";

    private static readonly string[] Stems = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>Loads Fashion-MNIST (train and test splits; no validation split yet).</summary>
    /// <param name="directory">A configured folder, searched first; then the standard places.</param>
    /// <exception cref="DataFileException">No folder holds the four files, or a file is corrupt.</exception>
    public static DataSplits LoadFashionMnist(string? directory = null) =>
        LoadFrom(SearchPath("fashion-mnist", directory), directory is not null, "Fashion-MNIST", FashionMnistHowToGet);

    /// <summary>Loads MNIST (train and test splits; no validation split yet).</summary>
    /// <param name="directory">A configured folder, searched first; then the standard places.</param>
    /// <exception cref="DataFileException">No folder holds the four files, or a file is corrupt.</exception>
    public static DataSplits LoadMnist(string? directory = null) =>
        LoadFrom(SearchPath("mnist", directory), directory is not null, "MNIST", "download the four files from the MNIST database's home page");

    /// <summary>What the error says when Fashion-MNIST is nowhere to be found.</summary>
    internal const string FashionMnistHowToGet = "apt-get install dataset-fashion-mnist (Debian and Ubuntu; it installs /usr/share/datasets/fashion-mnist)";

    /// <summary>The folders searched, in order, for the data set in sub-folder <paramref name="name"/>.</summary>
    public static IReadOnlyList<string> SearchPath(string name, string? directory)
    {
        var places = new List<string>();
        if (!string.IsNullOrEmpty(directory))
        {
            places.Add(Path.GetFullPath(directory));
        }

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

    /// <summary>Loads from the first of <paramref name="places"/> that holds all four files.</summary>
    /// <param name="places">Folders, in order.</param>
    /// <param name="firstIsConfigured">Whether the first folder was configured: then a partial set of files there is an error, not a reason to look further.</param>
    /// <param name="title">The data set's name in messages.</param>
    /// <param name="howToGet">What the error says to do when no folder has the files.</param>
    internal static DataSplits LoadFrom(IReadOnlyList<string> places, bool firstIsConfigured, string title, string howToGet)
    {
        foreach (var place in places)
        {
            var files = Stems.Select(stem => Find(place, stem)).ToArray();
            if (files.All(f => f is not null))
            {
                var train = IdxDataset.Load(files[0]!, files[1]!, classCount: 10);
                try
                {
                    return new DataSplits(train, Test: IdxDataset.Load(files[2]!, files[3]!, classCount: 10));
                }
                catch
                {
                    train.Dispose();
                    throw;
                }
            }

            if (firstIsConfigured && place == places[0] && files.Any(f => f is not null))
            {
                var missing = Stems.Where((_, i) => files[i] is null).Select(s => s + "[.gz]");
                throw new DataFileException(place, $"The {title} folder '{place}' lacks {string.Join(", ", missing)}; expected all four IDX files there.");
            }
        }

        throw new DataFileException(
            places[0],
            $"{title} was not found. Looked for {Stems[0]}[.gz] and its three companion files in: {string.Join(", ", places)}. To get it: {howToGet}, or put the four files in one of those folders.");
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
