using HyperDsl.Compiler.Resolution;
using HyperDsl.TestKit;

namespace HyperDsl.Compiler.Tests.Resolution;

public sealed class SpecFileReaderTests : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-reader-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Link(string name, string target)
    {
        var path = Path.Combine(_folder, name);
        File.CreateSymbolicLink(path, target);
        return path;
    }

    private static void AssertRefused(SpecFileRead read, SpecFileProblem problem, string reason)
    {
        Assert.Null(read.Bytes);
        Assert.Equal(problem, read.Problem);
        Assert.Equal(reason, read.Reason);
    }

    [Theory]
    [InlineData(SpecFileNaming.AnyName)]
    [InlineData(SpecFileNaming.HypExtension)]
    public void A_regular_spec_file_is_read_byte_for_byte(SpecFileNaming naming)
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "experiment e {}\n"u8];

        var read = SpecFileReader.Read(Write("a.hyp", bytes), naming);

        Assert.Equal(bytes, read.Bytes);
        Assert.Equal(SpecFileProblem.None, read.Problem);
        Assert.Null(read.Reason);
    }

    [Fact]
    public void An_empty_file_is_read_as_no_bytes()
    {
        Assert.Empty(SpecFileReader.Read(Write("a.hyp", []), SpecFileNaming.HypExtension).Bytes!);
    }

    [Fact]
    public void A_file_of_exactly_the_size_limit_is_read()
    {
        Assert.Equal(SpecFileReader.MaxBytes, SpecFileReader.Read(Write("a.hyp", new byte[SpecFileReader.MaxBytes]), SpecFileNaming.AnyName).Bytes!.Length);
    }

    [Fact]
    public void A_file_one_byte_over_the_size_limit_is_refused()
    {
        var read = SpecFileReader.Read(Write("a.hyp", new byte[SpecFileReader.MaxBytes + 1]), SpecFileNaming.AnyName);

        AssertRefused(read, SpecFileProblem.TooLarge, "it is larger than 1 MiB (1,048,577 bytes), the most a spec file may have");
    }

    [Fact]
    public void An_empty_path_is_refused()
    {
        AssertRefused(SpecFileReader.Read("", SpecFileNaming.AnyName), SpecFileProblem.InvalidPath, "no file name given");
    }

    [Theory]
    [InlineData("\0")]
    [InlineData("a\0.hyp")]
    [InlineData("a.hyp\0")]
    public void A_path_with_a_nul_is_refused(string path)
    {
        AssertRefused(SpecFileReader.Read(path, SpecFileNaming.AnyName), SpecFileProblem.InvalidPath, "the path contains a NUL character");
    }

    [Fact]
    public void A_missing_file_is_not_found()
    {
        AssertRefused(SpecFileReader.Read(Path.Combine(_folder, "none.hyp"), SpecFileNaming.AnyName), SpecFileProblem.NotFound, "no such file");
        AssertRefused(SpecFileReader.Read(Path.Combine(_folder, "no", "such", "folder.hyp"), SpecFileNaming.AnyName), SpecFileProblem.NotFound, "no such file");
    }

    [Fact]
    public void A_name_without_the_hyp_extension_is_refused_where_imports_are_read_and_accepted_on_a_command_line()
    {
        var path = Write("notes.txt", "experiment e {}\n"u8.ToArray());

        AssertRefused(SpecFileReader.Read(path, SpecFileNaming.HypExtension), SpecFileProblem.NotSpecFile, "it is not a .hyp file");
        Assert.NotNull(SpecFileReader.Read(path, SpecFileNaming.AnyName).Bytes);
    }

    [Fact]
    public void A_directory_is_refused()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "d.hyp"));

        AssertRefused(SpecFileReader.Read(Path.Combine(_folder, "d.hyp"), SpecFileNaming.AnyName), SpecFileProblem.NotRegularFile, "it is a directory, not a regular file");
    }

    [Fact]
    public void A_fifo_is_refused_without_blocking()
    {
        var fifo = SpecialFiles.MakeFifo(Path.Combine(_folder, "pipe.hyp"));

        var read = SpecialFiles.CompletesWithin(HangGuard, fifo, () => SpecFileReader.Read(fifo, SpecFileNaming.AnyName));

        AssertRefused(read, SpecFileProblem.NotRegularFile, "it is a FIFO (named pipe), not a regular file");
    }

    [Fact]
    public void A_link_named_hyp_to_a_fifo_named_hyp_is_refused_without_blocking()
    {
        var fifo = SpecialFiles.MakeFifo(Path.Combine(_folder, "pipe.hyp"));
        var link = Link("link.hyp", fifo);

        var read = SpecialFiles.CompletesWithin(HangGuard, fifo, () => SpecFileReader.Read(link, SpecFileNaming.HypExtension));

        Assert.Equal(SpecFileProblem.NotRegularFile, read.Problem);
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/null")]
    [InlineData("/dev/urandom")]
    public void A_device_is_refused_without_reading_it(string device)
    {
        var read = SpecialFiles.CompletesWithin(HangGuard, null, () => SpecFileReader.Read(device, SpecFileNaming.AnyName));

        AssertRefused(read, SpecFileProblem.NotRegularFile, "it is a character device, not a regular file");
    }

    [Theory]
    [InlineData("/proc/self/environ")]
    [InlineData("/proc/self/status")]
    [InlineData("/proc/cpuinfo")]
    public void A_file_the_kernel_makes_up_is_refused_without_reading_it(string path)
    {
        var read = SpecFileReader.Read(path, SpecFileNaming.AnyName);

        AssertRefused(read, SpecFileProblem.NotRegularFile, "it is a file the kernel makes up (as in /proc and /sys), not a regular file");
    }

    [Fact]
    public void A_link_to_a_hyp_file_is_followed()
    {
        Write("real.hyp", "experiment e {}\n"u8.ToArray());

        Assert.Equal("experiment e {}\n"u8.ToArray(), SpecFileReader.Read(Link("link.hyp", "real.hyp"), SpecFileNaming.HypExtension).Bytes);
    }

    [Theory]
    [InlineData(SpecFileNaming.AnyName)]
    [InlineData(SpecFileNaming.HypExtension)]
    public void A_link_to_a_file_that_is_not_a_hyp_file_is_never_followed(SpecFileNaming naming)
    {
        var secret = Write("id_rsa", "secret"u8.ToArray());

        var read = SpecFileReader.Read(Link("spec.hyp", secret), naming);

        AssertRefused(read, SpecFileProblem.NotSpecFile, $"it is a link to '{secret}', which is not a .hyp file; links are followed only to .hyp files");
    }

    [Fact]
    public void A_link_through_links_is_judged_by_the_file_it_ends_at()
    {
        Link("middle.hyp", "/proc/self/environ");

        Assert.Equal(SpecFileProblem.NotSpecFile, SpecFileReader.Read(Link("outer.hyp", "middle.hyp"), SpecFileNaming.HypExtension).Problem);
    }

    [Fact]
    public void A_link_to_nothing_is_not_found()
    {
        AssertRefused(SpecFileReader.Read(Link("dangling.hyp", "gone.hyp"), SpecFileNaming.HypExtension), SpecFileProblem.NotFound, "no such file");
    }

    [Fact]
    public void A_loop_of_links_is_refused_not_thrown()
    {
        Link("a.hyp", "b.hyp");
        Link("b.hyp", "a.hyp");

        var read = SpecFileReader.Read(Path.Combine(_folder, "a.hyp"), SpecFileNaming.HypExtension);

        Assert.Null(read.Bytes);
        Assert.Equal(SpecFileProblem.Unreadable, read.Problem);
    }
}
