namespace HyperDsl.Bench.Training;

/// <summary>
/// What every side trains: the reference CNN of shared/bench/pytorch_cnn.py on the same data, or
/// (<see cref="Model"/> resnet18) torchvision's ResNet-18 on <see cref="Images"/> synthetic images
/// of <see cref="ImageSize"/> pixels square; the same batch size, optimizer and threads.
/// </summary>
internal sealed record BenchSettings(string DataDirectory, int Epochs, int Threads, int BatchSize, int Seed, string Model = "cnn", int Images = 256, int ImageSize = 112)
{
    /// <summary>Whether the sides train ResNet-18 rather than the reference CNN.</summary>
    public bool IsResNet => Model == "resnet18";

    /// <summary>Fashion-MNIST's published statistics, as pytorch_cnn.py normalises.</summary>
    public const double Mean = 0.2860;

    /// <summary>Fashion-MNIST's published standard deviation.</summary>
    public const double Std = 0.3530;

    public const double LearningRate = 1e-3;
}
