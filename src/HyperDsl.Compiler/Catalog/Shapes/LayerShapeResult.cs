using HyperDsl.Compiler.Checking;

namespace HyperDsl.Compiler.Catalog.Shapes;

/// <summary>What one layer makes of its input: the output shape, the trainable parameters it adds and its forward FLOPs per sample.</summary>
/// <param name="Output">The shape of one sample after the layer.</param>
/// <param name="Parameters">The layer's own parameters, all trainable when it is built.</param>
/// <param name="Flops">Its forward FLOPs per sample (a multiply-add counts two).</param>
public readonly record struct LayerShapeResult(TensorShape Output, long Parameters, long Flops);
