using HyperDsl.TestKit;

namespace HyperDsl.Cli.Tests;

public class CommandLineTests
{
    [Fact]
    public void Check_without_files_is_a_usage_error_with_exit_code_2()
    {
        var result = CliRunner.Run(["check"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("hyp: error:", result.Error, StringComparison.Ordinal);
        Assert.Contains("hyp --help", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_command_is_a_usage_error_with_exit_code_2()
    {
        Assert.Equal(2, CliRunner.Run(["frobnicate"]).ExitCode);
    }

    [Fact]
    public void An_unknown_format_is_a_usage_error_with_exit_code_2()
    {
        Assert.Equal(2, CliRunner.Run(["check", "x.hyp", "--format", "fancy"]).ExitCode);
    }

    [Fact]
    public void Help_describes_the_commands()
    {
        var result = CliRunner.Run(["--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("check", result.Output, StringComparison.Ordinal);
        Assert.Contains("hyperparameter", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_prints_the_version()
    {
        var result = CliRunner.Run(["--version"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Output);
    }

    [Fact]
    public void The_real_process_reports_exit_codes_and_writes_to_its_streams()
    {
        var result = CliRunner.RunProcess(RepositoryPaths.Root, "check", "examples", "missing.hyp");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal("hyp: error: cannot read 'missing.hyp': no such file.\n", result.Error);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("compile", "-o", "{tmp}/generated", "--cache", "{tmp}/cache")]
    [InlineData("run")]
    [InlineData("worker", "--storage", "{tmp}/study.db")]
    [InlineData("trials")]
    [InlineData("best")]
    [InlineData("export")]
    [InlineData("importance")]
    [InlineData("report")]
    [InlineData("serve", "--port", "0")]
    public void Every_command_refuses_an_empty_spec_path_with_exit_code_2_and_no_stack_trace(string command, params string[] options)
    {
        var folder = Directory.CreateTempSubdirectory("hyp-empty-path-").FullName;
        try
        {
            var result = CliRunner.Run([command, "", .. options.Select(o => o.Replace("{tmp}", folder, StringComparison.Ordinal))]);

            Assert.Equal(2, result.ExitCode);
            Assert.Equal("hyp: error: cannot read '': no file name given.\n", result.Error);
            Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", result.Output + result.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
