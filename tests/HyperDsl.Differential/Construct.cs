namespace HyperDsl.Differential;

/// <summary>
/// Constructs the generator can write that a known disagreement (or their cost) keeps out of
/// the default run: <see cref="KnownDisagreements"/> names why.
/// </summary>
public enum Construct
{
    /// <summary><c>conv(..., groups: g)</c> with g &gt; 1.</summary>
    ConvGroups,

    /// <summary>An even kernel with <c>padding: same</c>.</summary>
    EvenKernelSame,

    /// <summary><c>resize img</c> with a searched <c>img</c>.</summary>
    SearchedResize,

    /// <summary>A ResNet backbone as the whole model (heavy: millions of parameters).</summary>
    Backbone,

    /// <summary>A backbone chosen inside <c>match</c> or <c>if</c>.</summary>
    BackboneInBranch,

    /// <summary>Layers after a backbone (a custom head).</summary>
    LayerAfterBackbone,

    /// <summary><c>freeze all</c> then <c>replace fc with linear(k)</c>.</summary>
    FreezeThenReplace,

    /// <summary>An <c>augment</c> block (and, where it changes the size, the <c>evaluate</c> block that matches it).</summary>
    Augmentation,

    /// <summary>
    /// A <c>train</c> section with a loss, an optimizer and a schedule from the catalogue (some
    /// arguments searched); the spec is then trained for its epochs by the real trainer.
    /// </summary>
    TrainingSettings,

    /// <summary>A layer of efficient networks: <c>separable_conv</c>, <c>squeeze_excite</c> or <c>inverted_residual</c>, with fixed or searched arguments.</summary>
    EfficientBlock,

    /// <summary>
    /// A dense-prediction layer: a named skip (<c>save</c>, then <c>concat</c> or <c>add</c> after
    /// size-keeping statements), <c>upsample</c>, <c>conv_transpose</c> or <c>aspp</c>.
    /// </summary>
    DenseLayer,

    /// <summary>An augmentation policy (<c>autoaugment</c>, <c>randaugment</c>, <c>trivialaugment</c>, <c>augmix</c>) or batch mixing (<c>mixup</c>, <c>cutmix</c>) in <c>augment</c>.</summary>
    AugmentationPolicy,

    /// <summary>
    /// A <c>task segmentation</c> spec: image and mask pairs from <c>segmentation_folder</c> (a tiny
    /// synthetic set the run writes), an encoder–decoder whose output is classes x H x W at every point,
    /// per-pixel losses (<c>cross_entropy</c>, <c>focal</c>, <c>dice</c>, <c>sum</c>), the joint
    /// image and mask transforms, and <c>val_miou</c> or <c>val_pixel_accuracy</c>.
    /// </summary>
    Segmentation,
}
