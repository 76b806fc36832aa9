using System.Diagnostics;
using System.Globalization;
using HyperDsl.TestKit;

namespace HyperDsl.Build.Tests;

/// <summary>
/// HyperDsl.Runtime, HyperDsl.Build and the hyp tool (HyperDsl.Cli) packed once into a temporary folder feed, under a version
/// of their own (so NuGet's cache never serves an older build of the same version). Removed,
/// with the cache's copies, at the end.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    /// <summary>The collection of tests that share one packed feed (packing takes most of their time).</summary>
    public const string Collection = "packed feed";

    public PackedFeed()
    {
        Version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        Folder = Directory.CreateTempSubdirectory("hyperdsl-feed-").FullName;
        foreach (var project in new[] { "src/HyperDsl.Runtime", "src/HyperDsl.Build", "src/HyperDsl.Cli" })
        {
            var result = Dotnet.Run(RepositoryPaths.Root, "pack", project, "-c", "Release", "-o", Folder, $"-p:Version={Version}", "-nologo");
            Assert.True(result.ExitCode == 0, $"dotnet pack {project} failed:\n{result.Output}");
        }
    }

    public string Version { get; }

    public string Folder { get; }

    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "hyperdsl.runtime", "hyperdsl.build", "hyperdsl.cli" })
        {
            var cached = Path.Combine(cache, id, Version);
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true);
            }
        }
    }
}

/// <summary>The tests that use the packed feed: one feed for all of them.</summary>
[CollectionDefinition(PackedFeed.Collection)]
public sealed class UsesPackedFeed : ICollectionFixture<PackedFeed>;

/// <summary>Runs the dotnet CLI and collects what it printed.</summary>
internal static class Dotnet
{
    public static (int ExitCode, string Output) Run(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The tests run inside `dotnet test`; its MSBuild settings must not leak into the nested builds.
        foreach (var variable in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "DOTNET_HOST_PATH" })
        {
            start.Environment.Remove(variable);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(600_000), $"dotnet {string.Join(' ', args)} did not finish in 10 minutes.");
        return (process.ExitCode, output.Result + error.Result);
    }
}
