namespace HyperDsl.Bench.Training;

/// <summary>What every side trains: the reference CNN of shared/bench/pytorch_cnn.py on the same data, batch size, optimizer and threads.</summary>
internal sealed record BenchSettings(string DataDirectory, int Epochs, int Threads, int BatchSize, int Seed)
{
    /// <summary>Fashion-MNIST's published statistics, as pytorch_cnn.py normalises.</summary>
    public const double Mean = 0.2860;

    /// <summary>Fashion-MNIST's published standard deviation.</summary>
    public const double Std = 0.3530;

    public const double LearningRate = 1e-3;
}
