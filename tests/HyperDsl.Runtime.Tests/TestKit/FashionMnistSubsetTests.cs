using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using HyperDsl.TestKit;

namespace HyperDsl.Runtime.Tests.TestKit;

/// <summary>The test kit's subset of Fashion-MNIST has the content that .ci/small-fashion-mnist.py (which made shared/'s copy) writes.</summary>
public sealed class FashionMnistSubsetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-subset-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_derived_subset_has_the_same_content_as_the_python_scripts()
    {
        var full = WriteFullSet("full", trainingPerClass: 640, testPerClass: 110);
        var python = Path.Combine(_folder, "python");
        var derived = Path.Combine(_folder, "derived");

        RunScript(full, python);
        FashionMnistSubset.Derive(full, derived);

        Assert.All(FashionMnistSubset.FileNames, name => Assert.Equal(Decompressed(Path.Combine(python, name)), Decompressed(Path.Combine(derived, name))));
        var labels = Decompressed(Path.Combine(derived, "train-labels-idx1-ubyte.gz"));
        Assert.Equal(6000, BinaryPrimitives.ReadInt32BigEndian(labels.AsSpan(4)));
    }

    [Fact]
    public void Processes_racing_to_fill_the_cache_all_get_the_whole_subset_and_leave_nothing_else()
    {
        var full = WriteFullSet("full", trainingPerClass: 600, testPerClass: 100);
        var cache = Path.Combine(_folder, "cache", "fashion-mnist-small");
        var reference = Path.Combine(_folder, "reference");
        FashionMnistSubset.Derive(full, reference);

        var folders = Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4).Select(_ => FashionMnistSubset.EnsureCached(full, cache)).ToList();

        Assert.All(folders, f => Assert.Equal(cache, f));
        Assert.All(FashionMnistSubset.FileNames, name => Assert.Equal(Decompressed(Path.Combine(reference, name)), Decompressed(Path.Combine(cache, name))));
        Assert.Equal([cache], Directory.GetDirectories(Path.Combine(_folder, "cache")));
    }

    [Fact]
    public void Without_the_subset_the_test_kit_derives_it_from_an_installed_full_set_into_the_cache()
    {
        var full = WriteFullSet("full", trainingPerClass: 600, testPerClass: 100);
        var cache = Path.Combine(_folder, "cache", "fashion-mnist-small");

        var found = FashionMnistSmall.Locate(null, Path.Combine(_folder, "no-shared"), cache, [Path.Combine(_folder, "not-installed"), full]);

        Assert.Equal(cache, found);
        Assert.True(FashionMnistSubset.IsComplete(cache));
    }

    [Fact]
    public void Without_the_subset_or_a_full_set_the_error_says_how_to_install_one()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            FashionMnistSmall.Locate(null, Path.Combine(_folder, "no-shared"), Path.Combine(_folder, "cache"), [Path.Combine(_folder, "not-installed")]));

        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message, StringComparison.Ordinal);
        Assert.Contains(FashionMnistSmall.DirectoryVariable, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "cache")));
    }

    [Fact]
    public void A_full_set_with_too_few_images_of_a_class_is_refused()
    {
        var full = WriteFullSet("full", trainingPerClass: 599, testPerClass: 100);

        var error = Assert.Throws<InvalidDataException>(() => FashionMnistSubset.Derive(full, Path.Combine(_folder, "out")));

        Assert.Contains("fewer than 600 images of some class", error.Message, StringComparison.Ordinal);
    }

    // A stand-in for the full data set: random 28x28 images whose labels come in a seeded random
    // order, so that "the first N of each class" picks images from all over the file.
    private string WriteFullSet(string name, int trainingPerClass, int testPerClass)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, name)).FullName;
        var random = new Random(12);
        foreach (var (prefix, perClass) in new[] { ("train", trainingPerClass), ("t10k", testPerClass) })
        {
            var labels = Enumerable.Range(0, 10).SelectMany(c => Enumerable.Repeat((byte)c, perClass)).OrderBy(_ => random.Next()).ToArray();
            var images = new byte[labels.Length * 28 * 28];
            random.NextBytes(images);
            WriteGzip(Path.Combine(folder, $"{prefix}-images-idx3-ubyte.gz"), [.. Header(2051, labels.Length, 28, 28), .. images]);
            WriteGzip(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte.gz"), [.. Header(2049, labels.Length), .. labels]);
        }

        return folder;
    }

    private static byte[] Header(params int[] values)
    {
        var bytes = new byte[4 * values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 * i), values[i]);
        }

        return bytes;
    }

    private static void WriteGzip(string path, byte[] content)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(content);
    }

    private static byte[] Decompressed(string path)
    {
        using var input = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static void RunScript(string full, string output)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, ".ci", "small-fashion-mnist.py"));
        start.ArgumentList.Add(full);
        start.ArgumentList.Add(output);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "the script did not finish within a minute");
        Assert.True(process.ExitCode == 0, errors);
    }
}
