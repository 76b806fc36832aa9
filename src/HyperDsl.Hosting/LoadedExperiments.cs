using System.Reflection;
using System.Runtime.Loader;
using HyperDsl.Runtime.Studies;

namespace HyperDsl.Hosting;

/// <summary>
/// The generated experiments of a compilation, loaded in their own collectible context so a
/// long-lived process (a worker, an IDE) can load new spec versions without leaking the old.
/// Dispose to unload.
/// </summary>
public sealed class LoadedExperiments : IDisposable
{
    private readonly AssemblyLoadContext _context;

    internal LoadedExperiments(AssemblyLoadContext context, Assembly assembly, bool fromCache, string cacheKey)
    {
        _context = context;
        Assembly = assembly;
        FromCache = fromCache;
        CacheKey = cacheKey;
    }

    /// <summary>The assembly holding the generated types.</summary>
    public Assembly Assembly { get; }

    /// <summary>True when the assembly came from the disk cache instead of Roslyn.</summary>
    public bool FromCache { get; }

    /// <summary>The key the assembly is cached under: a hash of the generated code and the generator's version.</summary>
    public string CacheKey { get; }

    /// <summary>The generated type <c>HyperDsl.Generated.{name}</c>, such as <c>FashionCnnExperiment</c>.</summary>
    public Type GetGeneratedType(string name) =>
        Assembly.GetType("HyperDsl.Generated." + name) ?? throw new ArgumentException($"The generated code has no type '{name}'.", nameof(name));

    /// <summary>Every experiment as the study engine runs it (the generated <c>{Name}Definition</c> classes).</summary>
    public IReadOnlyList<IExperimentDefinition> Definitions() =>
        [.. Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && typeof(IExperimentDefinition).IsAssignableFrom(t))
            .Select(t => (IExperimentDefinition)Activator.CreateInstance(t)!)
            .OrderBy(d => d.Name, StringComparer.Ordinal)];

    /// <inheritdoc />
    public void Dispose() => _context.Unload();
}
