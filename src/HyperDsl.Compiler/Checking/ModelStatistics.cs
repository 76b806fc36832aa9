namespace HyperDsl.Compiler.Checking;

/// <summary>What the model is at one point of the space: shapes, trainable and total parameters, forward FLOPs per sample.</summary>
public sealed record ModelStatistics(TensorShape Input, TensorShape Output, long TrainableParameters, long TotalParameters, long Flops);
