using HyperDsl.Runtime.Data;

namespace HyperDsl.Runtime.Tests.Data;

public sealed class ImageDatasetTests
{
    [Fact]
    public void Resizing_changes_every_image_s_size_and_keeps_labels_and_value_range()
    {
        using var data = SyntheticData.Create(10, [3, 8, 8], classes: 2, seed: 1);

        using var resized = data.Resize(16, 12);

        Assert.Equal([10L, 3, 16, 12], resized.Images.shape);
        TensorAssert.Identical(data.Labels, resized.Labels);
        Assert.True(resized.Images.min().item<float>() >= 0 && resized.Images.max().item<float>() <= 1);
    }

    [Fact]
    public void Resizing_a_constant_image_keeps_its_value()
    {
        using var images = TorchSharp.torch.full(2, 1, 5, 5, 0.25f);
        using var data = new ImageDataset(images.clone(), TorchSharp.torch.zeros(2, TorchSharp.torch.ScalarType.Int64), 1);

        using var resized = data.Resize(9, 9);

        TensorAssert.Close(TorchSharp.torch.full(2, 1, 9, 9, 0.25f), resized.Images, 1e-6);
    }

    [Fact]
    public void Images_and_labels_of_different_lengths_are_rejected()
    {
        using var images = TorchSharp.torch.zeros(3, 1, 2, 2);
        using var labels = TorchSharp.torch.zeros(2, TorchSharp.torch.ScalarType.Int64);

        Assert.Throws<ArgumentException>(() => new ImageDataset(images, labels, 2));
    }
}
