using HyperDsl.TestKit;

namespace HyperDsl.Build.Tests;

/// <summary>The hyp CLI as a .NET tool: installed from a folder, it checks and runs specs.</summary>
[Collection(PackedFeed.Collection)]
public sealed class ToolPackageTests(PackedFeed feed) : IDisposable
{
    private readonly string _tools = Directory.CreateTempSubdirectory("hyperdsl-tool-").FullName;

    public void Dispose() => Directory.Delete(_tools, recursive: true);

    [Fact]
    public void The_hyp_tool_installs_from_a_folder_and_checks_and_runs_a_spec()
    {
        var install = Dotnet.Run(_tools, "tool", "install", "HyperDsl.Cli", "--version", feed.Version, "--add-source", feed.Folder, "--tool-path", _tools);
        Assert.True(install.ExitCode == 0, install.Output);
        var hyp = Path.Combine(_tools, "hyp");

        var check = Tool.Run(hyp, _tools, "check", Path.Combine(RepositoryPaths.Examples, "quickstart.hyp"), "--format", "canonical");
        var run = Tool.Run(hyp, _tools, "run", Path.Combine(RepositoryPaths.Examples, "consumer", "tiny-study.hyp"), "--trials", "1", "--storage", Path.Combine(_tools, "tiny.db"));

        Assert.True(check.ExitCode == 0, check.Output);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Best trial of 'tiny_study': #0", run.Output, StringComparison.Ordinal);
    }

    private static class Tool
    {
        public static (int ExitCode, string Output) Run(string tool, string directory, params string[] args)
        {
            var start = new System.Diagnostics.ProcessStartInfo(tool) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = System.Diagnostics.Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(300_000), $"{tool} did not finish in 5 minutes.");
            return (process.ExitCode, output.Result + error.Result);
        }
    }
}
