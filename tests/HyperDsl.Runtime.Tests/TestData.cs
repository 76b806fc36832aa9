using HyperDsl.Runtime.Data;
using HyperDsl.TestKit;

namespace HyperDsl.Runtime.Tests;

/// <summary>The small Fashion-MNIST subset in shared/ (6,000 training and 1,000 test images), loaded once.</summary>
internal static class TestData
{
    public const string DirectoryVariable = "HYP_TEST_FASHION_MNIST_SMALL";

    public static string FashionMnistSmallDirectory { get; } = Locate();

    public static DataSplits LoadFashionMnistSmall() => MnistFormatData.LoadFashionMnist(FashionMnistSmallDirectory);

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable(DirectoryVariable);
        var directory = configured is { Length: > 0 }
            ? configured
            : Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "data", "fashion-mnist-small"));
        if (!File.Exists(Path.Combine(directory, "train-images-idx3-ubyte.gz")))
        {
            throw new InvalidOperationException($"The small Fashion-MNIST subset is not at {directory}; the runtime tests expect shared/ beside the repository, or {DirectoryVariable} naming the folder.");
        }

        return directory;
    }
}
