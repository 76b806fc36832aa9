using System.Collections.Immutable;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;
using HyperDsl.Compiler.Emit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HyperDsl.Hosting;

/// <summary>
/// Compiles generated sources in memory against the runtime and TorchSharp and loads them.
/// With a cache directory, an assembly is stored under a hash of its sources and the
/// generator's version, so an unchanged spec never pays for Roslyn twice. Generated code that
/// does not compile is a HyperDsl bug: it is reported as such, with the sources kept.
/// </summary>
public sealed class ExperimentAssemblyCompiler
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var framework = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var ours = new[] { typeof(Runtime.Models.ModelBuilder).Assembly.Location, typeof(TorchSharp.torch).Assembly.Location };
        return [.. framework.Concat(ours).Distinct(StringComparer.Ordinal).Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    });

    private readonly string? _cacheDirectory;

    /// <summary>Creates a compiler; <paramref name="cacheDirectory"/> (created on demand) keeps compiled assemblies, or null for none.</summary>
    public ExperimentAssemblyCompiler(string? cacheDirectory)
    {
        _cacheDirectory = cacheDirectory;
    }

    /// <summary>The default cache: <c>~/.cache/hyperdsl/assemblies</c> (or <c>$XDG_CACHE_HOME</c>).</summary>
    public static string DefaultCacheDirectory =>
        Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "hyperdsl", "assemblies");

    /// <summary>
    /// Checks the sources against their manifests (<see cref="GeneratedCodeVerifier"/>), then
    /// compiles (or reads from the cache) and loads them. Nothing runs on load: the verified code
    /// declares only the generator's types and members, none of them a module initializer.
    /// </summary>
    /// <exception cref="GeneratedCodeException">The generated code declares what the generator did not mean, or does not compile: a bug in HyperDsl.</exception>
    public LoadedExperiments Load(IReadOnlyList<GeneratedSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var key = CacheKey(sources);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, GeneratedCodeVerifier.ParseOptions, path: s.HintName, encoding: Encoding.UTF8)).ToList();
        var problems = sources.Zip(trees).SelectMany(p => GeneratedCodeVerifier.Check(p.Second, p.First.Manifest).Select(problem => $"{p.First.HintName}: {problem}")).ToList();
        if (problems.Count > 0)
        {
            throw GeneratedCodeException.NotMeant(Keep(sources, key), problems);
        }

        var cached = _cacheDirectory is null ? null : Path.Combine(_cacheDirectory, key + ".dll");
        var context = new AssemblyLoadContext("HyperDsl.Generated." + key[..12], isCollectible: true);
        if (cached is not null && File.Exists(cached))
        {
            using var file = File.OpenRead(cached);
            return new LoadedExperiments(context, context.LoadFromStream(file), fromCache: true, key);
        }

        var image = Compile(sources, trees, key);
        if (cached is not null)
        {
            // Written to a temporary name and moved, so a concurrent reader never sees half a file.
            Directory.CreateDirectory(_cacheDirectory!);
            var temporary = cached + "." + Environment.ProcessId + ".tmp";
            File.WriteAllBytes(temporary, image);
            File.Move(temporary, cached, overwrite: true);
        }

        using var stream = new MemoryStream(image);
        return new LoadedExperiments(context, context.LoadFromStream(stream), fromCache: false, key);
    }

    private static byte[] Compile(IReadOnlyList<GeneratedSource> sources, IEnumerable<SyntaxTree> trees, string key)
    {
        var compilation = CSharpCompilation.Create(
            "HyperDsl.Generated." + key[..12],
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release, deterministic: true));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new GeneratedCodeException(Keep(sources, key), [.. result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString())]);
        }

        return stream.ToArray();
    }

    // Where the sources of a bug report are kept; file names are the generator's (checked by the verifier or the emitter).
    private static string Keep(IReadOnlyList<GeneratedSource> sources, string key)
    {
        var kept = Path.Combine(Path.GetTempPath(), "hyperdsl-generated-" + key[..12]);
        Directory.CreateDirectory(kept);
        foreach (var source in sources)
        {
            File.WriteAllText(Path.Combine(kept, Path.GetFileName(source.HintName)), source.Text);
        }

        return kept;
    }

    private static string CacheKey(IReadOnlyList<GeneratedSource> sources)
    {
        var text = new StringBuilder(HypCompilationEmitter.Version).Append('\n')
            .Append(typeof(Runtime.Models.ModelBuilder).Assembly.ManifestModule.ModuleVersionId).Append('\n');
        foreach (var source in sources.OrderBy(s => s.HintName, StringComparer.Ordinal))
        {
            text.Append(source.HintName).Append('\n').Append(source.Text).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }
}
