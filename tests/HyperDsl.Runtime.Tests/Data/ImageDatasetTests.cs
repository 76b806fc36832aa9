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

    private static ImageDataset Named(long[] labels, params string[] classes) =>
        new(TorchSharp.torch.zeros(labels.Length, 1, 2, 2), TorchSharp.torch.tensor(labels), classes.Length) { ClassNames = classes };

    [Fact]
    public void A_validation_folder_without_one_training_class_gets_its_labels_in_the_training_classes()
    {
        // The training folder has cat, dog, fox (0, 1, 2); a validation folder with only dog and fox
        // numbers them 0 and 1, which would be scored as cat and dog.
        using var training = Named([0, 1, 2], "cat", "dog", "fox");
        using var validation = Named([0, 1, 1], "dog", "fox");

        using var aligned = validation.InClassesOf(training, "validation");

        Assert.Equal([1L, 2, 2], aligned.Labels.data<long>().ToArray());
        Assert.Equal(3, aligned.ClassCount);
        Assert.Equal(["cat", "dog", "fox"], aligned.ClassNames!);
    }

    [Fact]
    public void A_split_with_the_training_classes_is_kept_as_it_is()
    {
        using var training = Named([0, 1], "cat", "dog");
        using var validation = Named([1, 0], "cat", "dog");

        Assert.Same(validation, validation.InClassesOf(training, "validation"));
    }

    [Fact]
    public void A_class_the_training_images_do_not_have_is_refused_by_name()
    {
        using var training = Named([0, 1], "cat", "dog");
        using var test = Named([0, 1], "cat", "wolf");

        var error = Assert.Throws<DataException>(() => test.InClassesOf(training, "test"));

        Assert.Contains("test images", error.Message, StringComparison.Ordinal);
        Assert.Contains("'wolf'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unnamed_labels_beyond_the_training_classes_are_refused_and_fewer_classes_take_the_training_count()
    {
        using var training = SyntheticData.Create(8, [1, 2, 2], classes: 3, seed: 1);
        using var wider = SyntheticData.Create(8, [1, 2, 2], classes: 5, seed: 2);
        using var narrower = new ImageDataset(TorchSharp.torch.zeros(2, 1, 2, 2), TorchSharp.torch.tensor(new long[] { 0, 1 }), 2);

        Assert.Throws<DataException>(() => wider.InClassesOf(training, "validation"));
        using var aligned = narrower.InClassesOf(training, "validation");
        Assert.Equal(3, aligned.ClassCount);
        Assert.Equal([0L, 1], aligned.Labels.data<long>().ToArray());
    }
}
