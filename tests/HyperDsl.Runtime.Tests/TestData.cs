using HyperDsl.Runtime.Data;
using HyperDsl.TestKit;

namespace HyperDsl.Runtime.Tests;

/// <summary>The small Fashion-MNIST subset in shared/ (6,000 training and 1,000 test images), loaded once.</summary>
internal static class TestData
{
    public static string FashionMnistSmallDirectory => FashionMnistSmall.Directory;

    public static DataSplits LoadFashionMnistSmall() => MnistFormatData.LoadFashionMnist(FashionMnistSmallDirectory);
}
