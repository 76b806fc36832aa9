using HyperDsl.TestKit;

namespace HyperDsl.Build.Tests;

/// <summary>A clean copy of examples/consumer in a temporary folder, restoring from the packed feed.</summary>
internal sealed class ConsumerProject : IDisposable
{
    public ConsumerProject(PackedFeed feed)
    {
        Feed = feed;
        Folder = Directory.CreateTempSubdirectory("hyperdsl-consumer-").FullName;
        var source = Path.Combine(RepositoryPaths.Examples, "consumer");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal) || relative.Contains(".study.", StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(Folder, relative))!);
            File.Copy(file, Path.Combine(Folder, relative));
        }

        File.WriteAllText(Path.Combine(Folder, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <add key="hyperdsl-test-feed" value="{feed.Folder}" />
              </packageSources>
            </configuration>
            """);
    }

    public PackedFeed Feed { get; }

    public string Folder { get; }

    public string Spec => Path.Combine(Folder, "tiny-study.hyp");

    public string GeneratedFolder => Path.Combine(Folder, "obj", "Debug", "net10.0", "hyp");

    public string Stamp => Path.Combine(GeneratedFolder, "tiny-study.stamp");

    public (int ExitCode, string Output) Build(params string[] extra) =>
        Dotnet.Run(Folder, ["build", "-nologo", $"-p:HyperDslVersion={Feed.Version}", .. extra]);

    public (int ExitCode, string Output) Run() =>
        Dotnet.Run(Folder, "bin/Debug/net10.0/HyperDsl.Consumer.dll", Path.Combine(Folder, "study.db"));

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
