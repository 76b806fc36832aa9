using TorchSharp;
using static HyperDsl.Runtime.HeldScalars;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace HyperDsl.Runtime.Augmentation;

/// <summary>
/// Resamples a batch through per-image 2 x 3 affine maps from output to input coordinates
/// (normalised to [-1, 1], pixel centres, as <c>affine_grid</c> with align_corners false);
/// outside the image is 0.
/// </summary>
internal static class AffineSampler
{
    public static Tensor Sample(Tensor images, Tensor theta, long height, long width, bool nearest)
    {
        using var grid = F.affine_grid(theta.to_type(images.dtype), [images.shape[0], images.shape[1], height, width], align_corners: false);
        return F.grid_sample(images, grid, nearest ? GridSampleMode.Nearest : GridSampleMode.Bilinear, GridSamplePaddingMode.Zeros, align_corners: false);
    }

    /// <summary>
    /// Maps for cutting a window of out x out pixels whose top-left corner sits at pixel offset
    /// (dy, dx) of the input (negative or beyond the edge reads zeros): in normalised input
    /// coordinates x_in = (out / W) x_out + (out + 2 dx) / W - 1, and likewise for y.
    /// </summary>
    public static Tensor WindowMaps(Tensor dy, Tensor dx, long outHeight, long outWidth, long inHeight, long inWidth)
    {
        var count = dy.shape[0];
        var theta = zeros([count, 2, 3], dtype: ScalarType.Float32, device: dy.device);
        theta[TensorIndex.Colon, 0, 0] = tensor((float)outWidth / inWidth);
        theta[TensorIndex.Colon, 1, 1] = tensor((float)outHeight / inHeight);
        using var xScale = (2f / inWidth).ToScalar();
        using var xShift = (((float)outWidth / inWidth) - 1f).ToScalar();
        using var yScale = (2f / inHeight).ToScalar();
        using var yShift = (((float)outHeight / inHeight) - 1f).ToScalar();
        theta[TensorIndex.Colon, 0, 2] = dx.mul(xScale).add_(xShift, One);
        theta[TensorIndex.Colon, 1, 2] = dy.mul(yScale).add_(yShift, One);
        return theta;
    }
}
