using System.Diagnostics;

namespace HyperDsl.Cli.Tests;

/// <summary>Runs git in a test's temporary repository, with no user or machine configuration.</summary>
internal static class Git
{
    /// <summary>Whether git is on this machine; tests that need it are skipped without.</summary>
    public static bool Available { get; } = Probe();

    public static void Commit(string folder)
    {
        Assert.Equal(0, Run(folder, "init", "-q").ExitCode);
        Assert.Equal(0, Run(folder, "add", ".").ExitCode);
        var commit = Run(folder, "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "first");
        Assert.True(commit.ExitCode == 0, commit.Error);
    }

    public static (int ExitCode, string Output, string Error) Run(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A user's or machine's git configuration must not change what the test sees.
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["HYP_STORAGE"] = null;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "git did not finish within two minutes.");
        return (process.ExitCode, output.Result, error.Result);
    }

    private static bool Probe()
    {
        try
        {
            return Run(Path.GetTempPath(), "--version").ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

/// <summary>A fact that needs git on the machine: skipped, saying so, where there is none.</summary>
internal sealed class GitFactAttribute : FactAttribute
{
    public GitFactAttribute()
    {
        if (!Git.Available)
        {
            Skip = "git is not installed";
        }
    }
}
