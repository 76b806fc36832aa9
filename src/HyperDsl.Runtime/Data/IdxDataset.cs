namespace HyperDsl.Runtime.Data;

/// <summary>Loads any pair of IDX files (images N x H x W bytes, labels N bytes), gzip-compressed or not.</summary>
public static class IdxDataset
{
    /// <summary>Reads <paramref name="imagesPath"/> and <paramref name="labelsPath"/> into a dataset.</summary>
    /// <param name="imagesPath">The image file.</param>
    /// <param name="labelsPath">The label file.</param>
    /// <param name="classCount">The number of classes; by default the largest label plus one.</param>
    /// <exception cref="DataFileException">A file is missing, corrupt or does not match the other.</exception>
    public static ImageDataset Load(string imagesPath, string labelsPath, int? classCount = null) =>
        Load(imagesPath, labelsPath, classCount, source: null);

    /// <summary>As <see cref="Load(string, string, int?)"/>, with <paramref name="source"/> as the dataset's <see cref="ImageDataset.Source"/>.</summary>
    internal static ImageDataset Load(string imagesPath, string labelsPath, int? classCount, string? source)
    {
        TorchRuntime.EnsureInitialized();
        var images = IdxReader.Read(imagesPath, expectedRank: 3);
        var labels = IdxReader.Read(labelsPath, expectedRank: 1);
        return ImageDataset.FromIdx(images, labels, imagesPath, labelsPath, classCount, source);
    }
}
