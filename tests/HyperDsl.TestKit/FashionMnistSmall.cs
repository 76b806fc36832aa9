namespace HyperDsl.TestKit;

/// <summary>
/// Where the small Fashion-MNIST subset (6,000 training and 1,000 test images) is, in this order:
/// the folder <c>HYP_TEST_FASHION_MNIST_SMALL</c> names; <c>shared/data/fashion-mnist-small</c>
/// beside the repository; the cache <c>~/.cache/hyperdsl/test-data/fashion-mnist-small</c> (under
/// <c>$XDG_CACHE_HOME</c> when set). Where none has it, the subset is derived into the cache from
/// the full data set (<see cref="FashionMnistSubset"/>), found in <c>$HYP_DATA_DIR/fashion-mnist</c>,
/// <c>/usr/share/datasets/fashion-mnist</c> (Debian's <c>dataset-fashion-mnist</c>) or
/// <c>~/.cache/hyperdsl/datasets/fashion-mnist</c>, the places <c>hyp</c> itself searches.
/// </summary>
public static class FashionMnistSmall
{
    /// <summary>The variable that names the subset's folder, overriding every other place.</summary>
    public const string DirectoryVariable = "HYP_TEST_FASHION_MNIST_SMALL";

    /// <summary>The folder holding the IDX files.</summary>
    /// <exception cref="InvalidOperationException">The subset is nowhere and no full data set is installed to derive it from.</exception>
    public static string Directory { get; } = Locate(
        Environment.GetEnvironmentVariable(DirectoryVariable),
        Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "data", "fashion-mnist-small")),
        Path.Combine(CacheRoot(), "test-data", "fashion-mnist-small"),
        FullDataPlaces());

    /// <summary>The subset's folder, from the places in the order above.</summary>
    /// <param name="configured">The folder the variable names, if set.</param>
    /// <param name="shared">The shared/ copy.</param>
    /// <param name="cache">The cache the subset is derived into.</param>
    /// <param name="fullPlaces">Where the full data set is looked for, in order.</param>
    /// <exception cref="InvalidOperationException">The subset is nowhere and no full data set is in <paramref name="fullPlaces"/>.</exception>
    public static string Locate(string? configured, string shared, string cache, IReadOnlyList<string> fullPlaces)
    {
        ArgumentNullException.ThrowIfNull(fullPlaces);
        if (configured is { Length: > 0 })
        {
            return FashionMnistSubset.IsComplete(configured)
                ? configured
                : throw new InvalidOperationException($"{DirectoryVariable} names {configured}, which does not hold the small Fashion-MNIST subset ({string.Join(", ", FashionMnistSubset.FileNames)}).");
        }

        foreach (var ready in new[] { shared, cache })
        {
            if (FashionMnistSubset.IsComplete(ready))
            {
                return ready;
            }
        }

        if (fullPlaces.FirstOrDefault(FashionMnistSubset.CanDeriveFrom) is { } full)
        {
            return FashionMnistSubset.EnsureCached(full, cache);
        }

        throw new InvalidOperationException(
            $"The tests need the small Fashion-MNIST subset, and it is not at {shared} or {cache}, nor is the full data set installed to derive it from (looked in {string.Join(", ", fullPlaces)}). "
            + $"Install it (apt-get install dataset-fashion-mnist on Debian and Ubuntu, or put the four .gz files in $HYP_DATA_DIR/fashion-mnist) and the tests derive the subset into {cache} by themselves; "
            + $"or set {DirectoryVariable} to a folder that holds the subset.");
    }

    private static string CacheRoot() =>
        Path.Combine(
            Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
            "hyperdsl");

    private static List<string> FullDataPlaces()
    {
        var places = new List<string>();
        if (Environment.GetEnvironmentVariable("HYP_DATA_DIR") is { Length: > 0 } data)
        {
            places.Add(Path.Combine(data, "fashion-mnist"));
        }

        places.Add("/usr/share/datasets/fashion-mnist");
        places.Add(Path.Combine(CacheRoot(), "datasets", "fashion-mnist"));
        return places;
    }
}
