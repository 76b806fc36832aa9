using static HyperDsl.Runtime.HeldScalars;
using static TorchSharp.torch;

namespace HyperDsl.Runtime.Data;

/// <summary>
/// CIFAR-10 and CIFAR-100 in their standard binary form, as the official "binary version"
/// archives extract: CIFAR-10 is <c>data_batch_1.bin</c> ... <c>data_batch_5.bin</c> and
/// <c>test_batch.bin</c> (each record a label byte and 3,072 pixel bytes: the 32x32 red plane,
/// then green, then blue), with the class names in <c>batches.meta.txt</c>; CIFAR-100 is
/// <c>train.bin</c> and <c>test.bin</c> (each record a coarse label byte, a fine label byte and
/// the pixels), with <c>fine_label_names.txt</c> and <c>coarse_label_names.txt</c>. A named
/// folder may hold the files or the archive's own sub-folder (<c>cifar-10-batches-bin</c>,
/// <c>cifar-100-binary</c>); as with MNIST, a named folder is used alone, and without one the
/// standard places are searched (<see cref="MnistFormatData.StandardPlaces"/>).
/// </summary>
public static class CifarData
{
    private const int Side = 32;
    private const int Pixels = 3 * Side * Side;

    /// <summary>CIFAR-10's layout.</summary>
    public static CifarLayout Cifar10 { get; } = new(
        "CIFAR-10", "cifar10", "cifar-10", "cifar-10-batches-bin",
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"], "test_batch.bin",
        LabelBytes: 1, LabelIndex: 0, Classes: 10, NamesFile: "batches.meta.txt");

    /// <summary>CIFAR-100's layout with its 100 fine labels.</summary>
    public static CifarLayout Cifar100 { get; } = new(
        "CIFAR-100", "cifar100", "cifar-100", "cifar-100-binary", ["train.bin"], "test.bin",
        LabelBytes: 2, LabelIndex: 1, Classes: 100, NamesFile: "fine_label_names.txt");

    /// <summary>CIFAR-100's layout with its 20 coarse labels (superclasses).</summary>
    public static CifarLayout Cifar100Coarse { get; } = Cifar100 with { LabelIndex = 0, Classes = 20, NamesFile = "coarse_label_names.txt" };

    /// <summary>Loads CIFAR-10: 50,000 training and 10,000 test images, 3x32x32, 10 classes.</summary>
    /// <param name="directory">The folder that holds the files (or the archive's sub-folder); null to search the standard places.</param>
    /// <exception cref="DataFileException">The files are missing or not in CIFAR's binary form.</exception>
    public static DataSplits LoadCifar10(string? directory = null) => Load(Cifar10, directory);

    /// <summary>Loads CIFAR-100: 50,000 training and 10,000 test images, 3x32x32, 100 fine classes or 20 coarse ones.</summary>
    /// <param name="directory">The folder that holds the files (or the archive's sub-folder); null to search the standard places.</param>
    /// <param name="coarse">Whether to use the 20 superclasses instead of the 100 classes.</param>
    /// <exception cref="DataFileException">The files are missing or not in CIFAR's binary form.</exception>
    public static DataSplits LoadCifar100(string? directory = null, bool coarse = false) => Load(coarse ? Cifar100Coarse : Cifar100, directory);

    /// <summary>Loads CIFAR-100 with its 20 coarse labels (superclasses), as <c>cifar100_coarse</c> does.</summary>
    /// <param name="directory">The folder holding the files, or null for the standard places.</param>
    public static DataSplits LoadCifar100Coarse(string? directory = null) => Load(Cifar100Coarse, directory);

    /// <summary>Loads the data set of <paramref name="layout"/> from <paramref name="directory"/>, or the first standard place that holds it.</summary>
    /// <exception cref="DataFileException">The files are missing or not in CIFAR's binary form.</exception>
    public static DataSplits Load(CifarLayout layout, string? directory)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (directory is not null)
        {
            if (directory.Length == 0)
            {
                throw new DataFileException(directory, $"The {layout.Title} folder is given as an empty name; name the folder that holds {layout.Expected}, or leave it out (`{layout.SourceName}()`) to use the standard places.");
            }

            if (layout.FolderWithFiles(directory) is { } folder)
            {
                return LoadFolder(layout, folder, $"{layout.Title} in {folder}");
            }

            var what = Directory.Exists(directory) ? $"lacks {string.Join(", ", layout.Missing(directory))}" : "does not exist";
            throw new DataFileException(directory,
                $"The {layout.Title} folder '{directory}' {what}; a named folder must hold {layout.Expected} (or the archive's '{layout.ArchiveFolder}' folder). Put them there, or leave the folder out (`{layout.SourceName}()`) to use the standard places.");
        }

        var places = MnistFormatData.StandardPlaces(layout.PlaceName);
        foreach (var place in places)
        {
            if (layout.FolderWithFiles(place) is { } folder)
            {
                return LoadFolder(layout, folder, $"{layout.Title} in {folder} (the first standard place that holds it)");
            }
        }

        throw new DataFileException(places[0],
            $"{layout.Title} was not found. Looked for {layout.Expected} in: {string.Join(", ", places)}. To get it: download the binary version from https://www.cs.toronto.edu/~kriz/cifar.html and extract it into one of those folders, or into a folder of your own that the spec names.");
    }

    private static DataSplits LoadFolder(CifarLayout layout, string folder, string source)
    {
        var names = ClassNames(layout, folder);
        var train = Read(layout, [.. layout.TrainFiles.Select(f => Path.Combine(folder, f))], names, source);
        try
        {
            return new DataSplits(train, Test: Read(layout, [Path.Combine(folder, layout.TestFile)], names, source));
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    // The names file is optional (some copies lack it); when present it must name every class.
    private static IReadOnlyList<string>? ClassNames(CifarLayout layout, string folder)
    {
        var path = Path.Combine(folder, layout.NamesFile);
        if (!File.Exists(path))
        {
            return null;
        }

        var names = File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).Take(layout.Classes + 1).ToList();
        return names.Count == layout.Classes ? names : null;
    }

    private static ImageDataset Read(CifarLayout layout, string[] files, IReadOnlyList<string>? names, string source)
    {
        var record = layout.LabelBytes + Pixels;
        var counts = files.Select(f => Records(f, record, layout)).ToArray();
        var total = counts.Sum();
        var pixels = new byte[total * Pixels];
        var labels = new byte[total];
        var at = 0;
        for (var f = 0; f < files.Length; f++)
        {
            using var stream = File.OpenRead(files[f]);
            var buffer = new byte[record];
            for (var i = 0; i < counts[f]; i++, at++)
            {
                stream.ReadExactly(buffer);
                var label = buffer[layout.LabelIndex];
                if (label >= layout.Classes)
                {
                    throw new DataFileException(files[f],
                        $"The {layout.Title} file '{files[f]}' holds the label {label} in record {i + 1}; expected labels below {layout.Classes}. Is it a file of the other CIFAR data set (CIFAR-10 records have one label byte, CIFAR-100 records two)?");
                }

                labels[at] = label;
                Buffer.BlockCopy(buffer, layout.LabelBytes, pixels, at * Pixels, Pixels);
            }
        }

        using var scope = NewDisposeScope();
        var images = tensor(pixels, [total, 3, Side, Side]).to_type(ScalarType.Float32).div_(Integer(255));
        var classes = tensor(labels, [total]).to_type(ScalarType.Int64);
        return new ImageDataset(images, classes, layout.Classes) { ClassNames = names, Source = source };
    }

    // A file's record count, from its length: a length that is not a whole number of records is not CIFAR's binary form.
    private static int Records(string path, int record, CifarLayout layout)
    {
        var length = new FileInfo(path).Length;
        if (length == 0 || length % record != 0 || length / record > int.MaxValue / Pixels)
        {
            throw new DataFileException(path,
                $"The {layout.Title} file '{path}' is {length:N0} bytes, not a whole number of {record:N0}-byte records ({layout.LabelBytes} label byte{(layout.LabelBytes == 1 ? "" : "s")} and 3,072 pixel bytes each). Use the binary version of the data set, not the Python or MATLAB one.");
        }

        return (int)(length / record);
    }
}

/// <summary>Where a CIFAR data set's files are and how its records are laid out.</summary>
/// <param name="Title">The data set's name in messages.</param>
/// <param name="SourceName">The spec's name of the source, for hints.</param>
/// <param name="PlaceName">Its sub-folder under each standard place.</param>
/// <param name="ArchiveFolder">The folder the official archive extracts to.</param>
/// <param name="TrainFiles">The training files, in order.</param>
/// <param name="TestFile">The test file.</param>
/// <param name="LabelBytes">Label bytes before each record's pixels.</param>
/// <param name="LabelIndex">Which label byte is the class.</param>
/// <param name="Classes">The number of classes.</param>
/// <param name="NamesFile">The file that names the classes, one per line.</param>
public sealed record CifarLayout(
    string Title, string SourceName, string PlaceName, string ArchiveFolder, IReadOnlyList<string> TrainFiles, string TestFile,
    int LabelBytes, int LabelIndex, int Classes, string NamesFile)
{
    /// <summary>The files, as the error messages list them.</summary>
    public string Expected => string.Join(", ", [.. TrainFiles, TestFile]);

    /// <summary>The folder, <paramref name="folder"/> or its archive sub-folder, that holds every file; null when neither does.</summary>
    public string? FolderWithFiles(string folder) =>
        new[] { folder, Path.Combine(folder, ArchiveFolder) }.FirstOrDefault(f => Missing(f).Count == 0);

    /// <summary>The files <paramref name="folder"/> lacks.</summary>
    public IReadOnlyList<string> Missing(string folder) => [.. TrainFiles.Append(TestFile).Where(f => !File.Exists(Path.Combine(folder, f)))];
}
