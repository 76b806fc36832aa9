using HyperDsl.TestKit;

namespace HyperDsl.Cli.Tests;

public sealed class FmtCommandTests : IDisposable
{
    private const string Messy = "experiment e {\n  params {\n  lr ~ loguniform( 1e-3,0.1 )   // the step\n     width~choice(4,8)\n  }\n  model { conv( width ) ; relu }\n}\n";

    private const string Canonical = "experiment e {\n  params {\n    lr    ~ loguniform(1e-3, 0.1) // the step\n    width ~ choice(4, 8)\n  }\n  model { conv(width); relu }\n}\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-fmt-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Every_example_passes_the_check()
    {
        var result = CliRunner.Run(["fmt", "--check", RepositoryPaths.Examples]);

        Assert.Equal("", result.Error);
        Assert.Equal("", result.Output);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void The_check_lists_a_file_that_would_change_exits_1_and_writes_nothing()
    {
        var messy = Write("messy.hyp", Messy);
        Write("clean.hyp", Canonical);

        var result = CliRunner.Run(["fmt", "--check", _folder]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"{messy}\n", result.Output);
        Assert.Equal(Messy, File.ReadAllText(messy));
    }

    [Fact]
    public void Fmt_rewrites_a_messy_file_in_canonical_form_and_a_second_run_changes_nothing()
    {
        var messy = Write("messy.hyp", Messy);

        var first = CliRunner.Run(["fmt", messy]);
        var second = CliRunner.Run(["fmt", messy]);

        Assert.Equal((0, $"formatted {messy}\n", ""), (first.ExitCode, first.Output, first.Error));
        Assert.Equal(Canonical, File.ReadAllText(messy));
        Assert.Equal((0, "", ""), (second.ExitCode, second.Output, second.Error));
        Assert.Equal(["messy.hyp"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void A_file_already_in_canonical_form_is_not_written()
    {
        var clean = Write("clean.hyp", Canonical);
        var longAgo = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(clean, longAgo);

        var result = CliRunner.Run(["fmt", clean]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(longAgo, File.GetLastWriteTimeUtc(clean));
    }

    [Fact]
    public void A_file_with_syntax_errors_is_reported_as_check_does_and_left_untouched()
    {
        const string broken = "experiment e {\n  params {\n    lr ~\n  }\n}\n";
        var path = Write("bad.hyp", broken);

        var result = CliRunner.Run(["fmt", path]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{path}(3,9): error HYP0010: ", result.Output, StringComparison.Ordinal);
        Assert.Equal("", result.Error);
        Assert.Equal(broken, File.ReadAllText(path));
        Assert.Equal(["bad.hyp"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void A_missing_file_is_a_usage_error()
    {
        var result = CliRunner.Run(["fmt", Path.Combine(_folder, "missing.hyp")]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot read", result.Error, StringComparison.Ordinal);
    }
}
