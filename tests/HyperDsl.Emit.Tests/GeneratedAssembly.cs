using System.Reflection;
using HyperDsl.Compiler.Emit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HyperDsl.Emit.Tests;

/// <summary>Compiles generated sources with Roslyn against the runtime and TorchSharp, as <c>hyp</c> will in memory.</summary>
internal static class GeneratedAssembly
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var ours = new[] { typeof(Runtime.Models.ModelBuilder).Assembly.Location, typeof(TorchSharp.torch).Assembly.Location };
        return [.. framework.Concat(ours).Distinct().Select(path => MetadataReference.CreateFromFile(path))];
    });

    public static CSharpCompilation Compilation(IEnumerable<GeneratedSource> sources) =>
        CSharpCompilation.Create(
            "HyperDsl.Generated.Tests",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, new CSharpParseOptions(LanguageVersion.Latest), path: s.HintName)),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));

    public static Assembly Load(IEnumerable<GeneratedSource> sources)
    {
        using var stream = new MemoryStream();
        var result = Compilation(sources).Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return Assembly.Load(stream.ToArray());
    }
}
