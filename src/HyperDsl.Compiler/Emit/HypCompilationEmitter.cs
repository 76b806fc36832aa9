using System.Collections.Immutable;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Compiler.Emit;

/// <summary>
/// Turns an error-free compilation into C#: one file per experiment. Refuses when there are
/// errors (errors block emit), and reports what the generator cannot translate yet as HYP5001
/// rather than emitting wrong code.
/// </summary>
public static class HypCompilationEmitter
{
    /// <summary>The generator's version, written into every file it emits: the build's <c>Version</c> (Directory.Build.props), the one place versions come from.</summary>
    public static string Version { get; } =
        typeof(HypCompilationEmitter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>HYP5001: a construct the code generator does not translate yet.</summary>
    public static readonly DiagnosticDescriptor NotGeneratedDescriptor = HostDiagnostics.NotGeneratedDescriptor;

    /// <summary>HYP9001: generated C# that is not what the generator meant, a HyperDsl bug (see <see cref="GeneratedCodeVerifier"/>).</summary>
    public static readonly DiagnosticDescriptor InternalErrorDescriptor = HostDiagnostics.InternalErrorDescriptor;

    /// <summary>The generated files with every diagnostic (the compilation's warnings, HYP5001), or the diagnostics that prevent them.</summary>
    public static (ImmutableArray<GeneratedSource> Sources, ImmutableArray<Diagnostic> Diagnostics) Emit(HypCompilation compilation)
    {
        ArgumentNullException.ThrowIfNull(compilation);
        if (compilation.HasErrors)
        {
            return ([], compilation.Diagnostics);
        }

        var sources = ImmutableArray.CreateBuilder<GeneratedSource>();

        // The compilation's warnings come along: whoever prints what the generator did shows them too.
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        diagnostics.AddRange(compilation.Diagnostics);

        // One hash per file, not per experiment: a file of many experiments would otherwise be hashed once for each.
        var fileHashes = new Dictionary<Syntax.Text.SourceFile, string>();
        foreach (var experiment in compilation.Experiments)
        {
            var unsupported = Unsupported(experiment);
            if (unsupported is not null)
            {
                diagnostics.Add(HostDiagnostics.NotGenerated(experiment.Location, experiment.Name, unsupported + "."));
                continue;
            }

            var file = experiment.Location.File;
            if (!fileHashes.TryGetValue(file, out var hash))
            {
                hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(file.Text))).ToLowerInvariant();
                fileHashes[file] = hash;
            }

            try
            {
                var layout = GeneratedLayout.Of(experiment.Bound!);
                var source = new GeneratedSource(layout.FileName, new ExperimentEmitter(experiment, layout).Emit(Version, hash), layout.Manifest);

                // Checked here too, so no host ever writes code that declares what the generator did not mean.
                if (GeneratedCodeVerifier.Check(source) is { Count: > 0 } problems)
                {
                    diagnostics.Add(HostDiagnostics.GeneratedCodeNotMeant(experiment.Location, experiment.Name, problems[0]));
                    continue;
                }

                sources.Add(source);
            }
            catch (NotSupportedException error)
            {
                diagnostics.Add(HostDiagnostics.NotGenerated(experiment.Location, experiment.Name, error.Message));
            }
            catch (InvalidOperationException error)
            {
                // The code writer refused a line (or another generator bug): said as such, not as a crash.
                diagnostics.Add(HostDiagnostics.GeneratedCodeNotMeant(experiment.Location, experiment.Name, error.Message));
            }
        }

        return (sources.ToImmutable(), diagnostics.ToImmutable());
    }

    private static string? Unsupported(CheckedExperiment experiment)
    {
        if (experiment.Bound?.Experiment.Model is not { } model)
        {
            return "it has no model";
        }

        // A searched 'resize' is generated per point (ExperimentEmitter.EmitImageSize); the checker refuses every other data setting that varies (HYP5020).
        if (experiment.Shapes is not { Inputs.Count: > 0 })
        {
            return "its input shape is not known";
        }

        return null;
    }

}
