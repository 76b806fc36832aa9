namespace HyperDsl.TestKit;

/// <summary>
/// Writes small data sets in CIFAR's binary form (the script the CIFAR tests make their files
/// with; no binaries are committed): each record is the label byte(s) and a 32x32 RGB image,
/// planes red, green, blue. Each class has its own colour and stripe direction under seeded
/// noise, so a small network learns the classes in one or two epochs.
/// </summary>
public static class CifarFiles
{
    private const int Side = 32;

    /// <summary>CIFAR-10's files (<c>data_batch_1..5.bin</c>, <c>test_batch.bin</c>, <c>batches.meta.txt</c>) in <paramref name="folder"/>.</summary>
    /// <param name="folder">Created when missing.</param>
    /// <param name="perBatch">Records in each of the five training batches.</param>
    /// <param name="test">Records in the test batch.</param>
    /// <param name="seed">The noise's seed.</param>
    public static void WriteCifar10(string folder, int perBatch, int test, int seed = 0)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        for (var batch = 1; batch <= 5; batch++)
        {
            Write(Path.Combine(folder, $"data_batch_{batch}.bin"), perBatch, 10, fine: null, random);
        }

        Write(Path.Combine(folder, "test_batch.bin"), test, 10, fine: null, random);
        File.WriteAllLines(Path.Combine(folder, "batches.meta.txt"), ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck", ""]);
    }

    /// <summary>CIFAR-100's files (<c>train.bin</c>, <c>test.bin</c> and the two names files) in <paramref name="folder"/>; fine label f has coarse label f / 5.</summary>
    /// <param name="folder">Created when missing.</param>
    /// <param name="train">Training records.</param>
    /// <param name="test">Test records.</param>
    /// <param name="seed">The noise's seed.</param>
    public static void WriteCifar100(string folder, int train, int test, int seed = 0)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        Write(Path.Combine(folder, "train.bin"), train, 100, fine: true, random);
        Write(Path.Combine(folder, "test.bin"), test, 100, fine: true, random);
        File.WriteAllLines(Path.Combine(folder, "fine_label_names.txt"), Enumerable.Range(0, 100).Select(i => $"class_{i}"));
        File.WriteAllLines(Path.Combine(folder, "coarse_label_names.txt"), Enumerable.Range(0, 20).Select(i => $"superclass_{i}"));
    }

    // Labels cycle through the classes so every class is present; fine: null writes one label byte, else coarse then fine.
    private static void Write(string path, int count, int classes, bool? fine, Random random)
    {
        using var stream = File.Create(path);
        var pixels = new byte[3 * Side * Side];
        for (var i = 0; i < count; i++)
        {
            var label = i % classes;
            if (fine is null)
            {
                stream.WriteByte((byte)label);
            }
            else
            {
                stream.WriteByte((byte)(label / 5));
                stream.WriteByte((byte)label);
            }

            Draw(pixels, label, random);
            stream.Write(pixels);
        }
    }

    private static void Draw(byte[] pixels, int label, Random random)
    {
        // A colour per class (three levels per channel) and stripes across or down.
        int[] colour = [64 + (80 * (label % 3)), 64 + (80 * (label / 3 % 3)), 64 + (80 * (label / 9 % 3))];
        var across = label % 2 == 0;
        for (var channel = 0; channel < 3; channel++)
        {
            for (var y = 0; y < Side; y++)
            {
                for (var x = 0; x < Side; x++)
                {
                    var stripe = ((across ? y : x) / 4 % 2) == 0 ? 40 : -40;
                    var value = colour[channel] + stripe + random.Next(-30, 31);
                    pixels[(channel * Side * Side) + (y * Side) + x] = (byte)Math.Clamp(value, 0, 255);
                }
            }
        }
    }
}
