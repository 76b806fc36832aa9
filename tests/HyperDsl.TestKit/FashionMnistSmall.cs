namespace HyperDsl.TestKit;

/// <summary>Where the small Fashion-MNIST subset (6,000 training and 1,000 test images) is: shared/ beside the repository, or the folder HYP_TEST_FASHION_MNIST_SMALL names.</summary>
public static class FashionMnistSmall
{
    /// <summary>The variable that overrides the folder (CI sets it where shared/ is absent).</summary>
    public const string DirectoryVariable = "HYP_TEST_FASHION_MNIST_SMALL";

    /// <summary>The folder holding the IDX files.</summary>
    /// <exception cref="InvalidOperationException">The subset is in neither place.</exception>
    public static string Directory { get; } = Locate();

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable(DirectoryVariable);
        var directory = configured is { Length: > 0 }
            ? configured
            : Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "data", "fashion-mnist-small"));
        if (!File.Exists(Path.Combine(directory, "train-images-idx3-ubyte.gz")))
        {
            throw new InvalidOperationException($"The small Fashion-MNIST subset is not at {directory}; the tests expect shared/ beside the repository, or {DirectoryVariable} naming the folder.");
        }

        return directory;
    }
}
