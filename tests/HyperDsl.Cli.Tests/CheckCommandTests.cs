using HyperDsl.TestKit;

namespace HyperDsl.Cli.Tests;

public sealed class CheckCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-cli-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Every_example_checks_clean_with_exit_code_0()
    {
        var result = CliRunner.Run(["check", RepositoryPaths.Examples]);

        Assert.Equal("", result.Error);
        Assert.Equal("", result.Output);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void Errors_print_in_msbuild_canonical_form_with_their_help_and_exit_code_1()
    {
        var path = Write("bad.hyp", "experiment e {\n  params {\n    lr ~\n  }\n  model { conv(16) relu }\n}\n");

        var result = CliRunner.Run(["check", path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"{path}(3,9): error HYP0010: Expected a distribution such as 'uniform(0, 1)' or 'choice(a, b)' after '~', found end of line.\n" +
            $"{path}(5,20): error HYP0013: Expected a line break before 'relu'; each statement goes on its own line. Start a new line here, or separate the statements with ';'.\n",
            result.Output);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void Annotated_form_shows_the_source_line_a_caret_and_help()
    {
        var path = Write("bad.hyp", "experiment e {\n  model { conv(16) relu }\n}\n");

        var result = CliRunner.Run(["check", path, "--format", "annotated"]);

        Assert.Equal(
            $"{path}(2,20): error HYP0013: Expected a line break before 'relu'; each statement goes on its own line.\n" +
            "  |\n" +
            "2 |   model { conv(16) relu }\n" +
            "  |                    ^^^^\n" +
            "  = help: Start a new line here, or separate the statements with ';'.\n" +
            "\n" +
            "Checked 1 file: 1 error, 0 warnings.\n",
            result.Output);
    }

    [Fact]
    public void Auto_format_annotates_only_on_a_terminal()
    {
        var path = Write("bad.hyp", "experiment {}\n");

        Assert.DoesNotContain("^", CliRunner.Run(isTerminal: false, "check", path).Output, StringComparison.Ordinal);
        Assert.Contains("^", CliRunner.Run(isTerminal: true, "check", path).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_clear_io_error_with_exit_code_2()
    {
        var missing = Path.Combine(_folder, "nope.hyp");

        var result = CliRunner.Run(["check", missing]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"hyp: error: cannot read '{missing}': no such file.\n", result.Error);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_files_are_still_checked_when_one_is_missing()
    {
        var bad = Write("bad.hyp", "experiment {}\n");

        var result = CliRunner.Run(["check", Path.Combine(_folder, "missing.hyp"), bad]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("HYP0010", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_means_every_hyp_file_under_it_in_order()
    {
        Write("b/second.hyp", "experiment {}\n");
        Write("a.hyp", "experiment {}\n");
        Write("notes.txt", "not a spec");

        var result = CliRunner.Run(["check", _folder]);

        var files = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line[..line.IndexOf('(', StringComparison.Ordinal)]).ToList();
        Assert.Equal([Path.Combine(_folder, "a.hyp"), Path.Combine(_folder, "b", "second.hyp")], files);
    }

    [Fact]
    public void A_file_that_is_both_given_and_imported_is_reported_once()
    {
        Write("lib.hyp", "block head { flatten\n");
        Write("main.hyp", "import \"lib.hyp\"\n");

        var result = CliRunner.Run(["check", _folder]);

        Assert.Single(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void The_summary_shows_each_experiments_space_and_shapes()
    {
        var result = CliRunner.Run(["check", Path.Combine(RepositoryPaths.Examples, "fashion-mnist-cnn.hyp"), "--summary", "true"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("experiment fashion_cnn", result.Output, StringComparison.Ordinal);
        Assert.Contains("input      1x28x28 -> output 10", result.Output, StringComparison.Ordinal);
        Assert.Contains("shapes     proven for all 8 architecture points", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_without_specs_is_an_error()
    {
        var result = CliRunner.Run(["check", _folder]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("contains no .hyp files", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_binary_file_is_reported_not_a_crash()
    {
        var path = Path.Combine(_folder, "image.hyp");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0xFF, 0xFE]);

        var result = CliRunner.Run(["check", path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("HYP0006", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_name_is_a_clear_usage_error_with_exit_code_2()
    {
        var result = CliRunner.Run(["check", ""]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("hyp: error: cannot read '': no file name given.\n", result.Error);
        AssertNoStackTrace(result);
    }

    [Fact]
    public void A_file_name_with_a_nul_character_is_a_clear_usage_error_with_exit_code_2()
    {
        var result = CliRunner.Run(["check", "a\0b.hyp"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("hyp: error: cannot read 'a\\0b.hyp': the path contains a NUL character.\n", result.Error);
        AssertNoStackTrace(result);
    }

    [Fact]
    public void An_endless_device_is_refused_at_once_with_exit_code_2()
    {
        var result = SpecialFiles.CompletesWithin(TimeSpan.FromSeconds(10), null, () => CliRunner.Run(["check", "/dev/zero"]));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("hyp: error: cannot read '/dev/zero': it is a character device, not a regular file.\n", result.Error);
        AssertNoStackTrace(result);
    }

    [Fact]
    public void A_fifo_is_refused_without_blocking_with_exit_code_2()
    {
        var fifo = SpecialFiles.MakeFifo(Path.Combine(_folder, "pipe.hyp"));

        var result = SpecialFiles.CompletesWithin(TimeSpan.FromSeconds(10), fifo, () => CliRunner.Run(["check", fifo]));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"hyp: error: cannot read '{fifo}': it is a FIFO (named pipe), not a regular file.\n", result.Error);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_with_exit_code_2()
    {
        var path = Write("big.hyp", "// " + new string('x', 1 << 20) + "\n");

        var result = CliRunner.Run(["check", path]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"hyp: error: cannot read '{path}': it is larger than 1 MiB", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_in_a_directory_to_a_file_that_is_not_a_spec_is_refused_without_echoing_it()
    {
        var secret = Write("private/id_rsa", "-----BEGIN KEY-----\nhunter2-very-secret\n");
        Directory.CreateDirectory(Path.Combine(_folder, "specs"));
        File.CreateSymbolicLink(Path.Combine(_folder, "specs", "evil.hyp"), secret);

        var result = CliRunner.Run(isTerminal: true, "check", Path.Combine(_folder, "specs"));

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("hunter2", result.Output + result.Error, StringComparison.Ordinal);
        Assert.Contains("not a .hyp file", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_import_with_a_nul_character_is_a_diagnostic_with_exit_code_1()
    {
        var path = Write("main.hyp", "import \"\\u{0}\"\n");

        var result = CliRunner.Run(["check", path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("HYP1206", result.Output, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    [Fact]
    public void Links_to_folders_are_not_followed_when_a_directory_is_searched()
    {
        Write("specs/a.hyp", "block b { flatten }\n");
        Directory.CreateSymbolicLink(Path.Combine(_folder, "specs", "loop"), ".");
        Directory.CreateSymbolicLink(Path.Combine(_folder, "specs", "root"), "/");

        var result = SpecialFiles.CompletesWithin(TimeSpan.FromSeconds(10), null, () => CliRunner.Run(isTerminal: true, "check", Path.Combine(_folder, "specs")));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Checked 1 file: 0 errors, 0 warnings.\n", result.Output);
    }

    private static void AssertNoStackTrace(CliResult result)
    {
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Experiments_that_would_generate_the_same_csharp_fail_the_check_naming_both_files()
    {
        const string Spec = """
            experiment tiny {
              data { source synthetic(count: 8, shape: [3, 8, 8], classes: 2); validation 20% }
              model { conv(4, kernel: 3, padding: same); global_avgpool; linear(2) }
              train { epochs 1; optimizer adam(lr: 1e-3) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """;
        var first = Write("one/a.hyp", Spec);
        Write("two/b.hyp", Spec);

        var result = CliRunner.Run(["check", _folder]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("HYP5005", result.Output, StringComparison.Ordinal);
        Assert.Contains(first, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_folders_class_folders_are_counted_relative_to_the_spec_and_checked_against_the_head()
    {
        foreach (var name in new[] { "cat", "dog", "fox" })
        {
            Directory.CreateDirectory(Path.Combine(_folder, "data", "train", name));
        }

        var path = Write("folder.hyp", """
            experiment e {
              data { source image_folder("data/train"); resize 8; validation 20% }
              model { flatten; linear(2) }
              train { epochs 1; optimizer adam(lr: 1e-3) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """);

        var result = CliRunner.Run(["check", path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error HYP3105: The model ends with 2 outputs, but the data has 3 classes", result.Output, StringComparison.Ordinal);
    }
}
