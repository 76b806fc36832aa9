namespace HyperDsl.Runtime.Models;

/// <summary>How <c>upsample</c> fills the new pixels.</summary>
public enum UpsamplingMode
{
    /// <summary>Each pixel repeated scale x scale times.</summary>
    Nearest,

    /// <summary>Bilinear interpolation, as PyTorch's <c>nn.Upsample(mode='bilinear')</c> (corners not aligned).</summary>
    Bilinear,
}
