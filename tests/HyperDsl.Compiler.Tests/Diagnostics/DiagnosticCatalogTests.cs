using System.Reflection;
using System.Text.RegularExpressions;
using HyperDsl.Compiler.Diagnostics;
using HyperDsl.Syntax.Diagnostics;
using HyperDsl.TestKit;

namespace HyperDsl.Compiler.Tests.Diagnostics;

/// <summary>One catalogue of diagnostics: every code defined once, one problem per code, each documented.</summary>
public partial class DiagnosticCatalogTests
{
    // Every descriptor any HyperDsl assembly declares, wherever it is declared.
    private static IEnumerable<(string Field, DiagnosticDescriptor Descriptor)> DeclaredDescriptors() =>
        new[] { typeof(Diagnostic).Assembly, typeof(CompilerDiagnostics).Assembly }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => ($"{f.DeclaringType!.Name}.{f.Name}", (DiagnosticDescriptor)f.GetValue(null)!));

    [Fact]
    public void Every_code_is_defined_once()
    {
        var duplicates = DiagnosticCatalog.All.GroupBy(d => d.Code).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(duplicates);
    }

    [Fact]
    public void Every_declared_descriptor_is_the_catalogue_entry_of_its_code()
    {
        foreach (var (field, descriptor) in DeclaredDescriptors())
        {
            Assert.True(ReferenceEquals(DiagnosticCatalog.Find(descriptor.Code), descriptor), $"{field} ({descriptor.Code}) is not the catalogue's descriptor of its code.");
        }
    }

    [Fact]
    public void The_host_codes_are_in_the_catalogue()
    {
        Assert.All(["HYP0000", "HYP5001", "HYP5002", "HYP9001"], code => Assert.NotNull(DiagnosticCatalog.Find(code)));
    }

    [Fact]
    public void Every_code_is_documented_with_its_title_in_code_order_and_nothing_else_is()
    {
        var documented = Heading().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Docs, "diagnostics.md")))
            .Select(m => $"{m.Groups[1].Value}: {m.Groups[2].Value.Trim()}");

        Assert.Equal(DiagnosticCatalog.All.Select(d => $"{d.Code}: {d.Title}"), documented);
    }

    [GeneratedRegex(@"^### (HYP\d{4}): (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
