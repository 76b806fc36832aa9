namespace HyperDsl.Runtime.Training;

/// <summary>The number format training steps run in (<c>precision</c> in <c>train { }</c>).</summary>
public enum TrainingPrecision
{
    /// <summary>Everything in 32-bit floats (the default).</summary>
    Fp32,

    /// <summary>Forward and backward in bfloat16 against fp32 master weights; bfloat16 has fp32's range, so no loss scaling.</summary>
    Bf16,

    /// <summary>Forward and backward in float16 against fp32 master weights, with a dynamic loss scale; CUDA only.</summary>
    Fp16,
}
