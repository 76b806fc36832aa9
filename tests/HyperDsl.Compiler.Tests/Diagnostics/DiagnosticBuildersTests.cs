using System.Reflection;
using System.Text.RegularExpressions;
using HyperDsl.Compiler.Diagnostics;
using HyperDsl.Syntax.Diagnostics;
using HyperDsl.TestKit;

namespace HyperDsl.Compiler.Tests.Diagnostics;

/// <summary>
/// Diagnostics come from one catalogue: a checker reports a problem by its builder's name, and only
/// the builder files (the <c>Diagnostics/</c> folders) hold a diagnostic's wording.
/// </summary>
public partial class DiagnosticBuildersTests
{
    private static string Source => Path.Combine(RepositoryPaths.Root, "src");

    // HYP5002 is written by MSBuild's Error task in HyperDsl.Build.targets (DiagnosticCatalogTests'
    // host-code test and the build tests keep its code), so no C# builds it.
    private static readonly string[] ReportedOutsideCSharp = ["HYP5002"];

    private static IEnumerable<(string Path, string Text)> SourceFiles() =>
        Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Select(f => (f, File.ReadAllText(Path.Combine(RepositoryPaths.Root, f))));

    private static bool IsBuilderFile(string path) => path.Contains("/Diagnostics/", StringComparison.Ordinal);

    [Fact]
    public void Only_the_builder_files_construct_a_diagnostic_with_its_message()
    {
        var inline = SourceFiles()
            .Where(f => !IsBuilderFile(f.Path))
            .SelectMany(f => f.Text.Split('\n').Select((line, i) => (f.Path, Line: i + 1, Text: line)))
            .Where(l => InlineDiagnostic().IsMatch(l.Text))
            .Select(l => $"{l.Path}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(inline.Count == 0, "Diagnostics built outside the builder files (give the problem a builder in a CompilerDiagnostics part, SyntaxDiagnostics or HostDiagnostics):\n" + string.Join("\n", inline));
    }

    [Fact]
    public void The_scan_for_inline_diagnostics_sees_each_way_of_writing_one()
    {
        Assert.All(
            [
                "_diagnostics.Add(Create(UnknownNameDescriptor, span, $\"Unknown name '{name}'.\"));",
                "_diagnostics.Add(CompilerDiagnostics.Create(TypeMismatchDescriptor, span, message));",
                "var refusal = new Diagnostic(HostDiagnostics.FileAccessDescriptor, span, \"...\");",
                "return new(ModelTooLargeDescriptor, span, \"...\");",
                "throw new EvaluationException(NotWholeNumberDescriptor, span, \"...\");",
                "throw new ShapeFailure(ChannelMismatchDescriptor, site.Span, \"...\", null);",
                "return (null, Create(error.Descriptor, error.Span, message));",
            ],
            line => Assert.Matches(InlineDiagnostic(), line));
        Assert.DoesNotMatch(InlineDiagnostic(), "_diagnostics.Add(UnknownName(name.Span, name.Name, help, keywords, hidden));");
    }

    [Fact]
    public void Every_catalogued_code_has_a_builder_or_a_reason_why_not()
    {
        var builderText = string.Join("\n", SourceFiles().Where(f => IsBuilderFile(f.Path)).Select(f => f.Text));
        var fields = new[] { typeof(Diagnostic).Assembly, typeof(CompilerDiagnostics).Assembly }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .ToLookup(f => ((DiagnosticDescriptor)f.GetValue(null)!).Code, f => f.Name);

        var unreported = DiagnosticCatalog.All
            .Where(d => !ReportedOutsideCSharp.Contains(d.Code))
            .Where(d => !fields[d.Code].Any(name => UsedToBuild(name).IsMatch(builderText)))
            .Select(d => $"{d.Code} ({string.Join(", ", fields[d.Code])})")
            .ToList();

        Assert.True(unreported.Count == 0, "Catalogued codes that no builder reports: " + string.Join("; ", unreported));
    }

    // A descriptor passed to what builds a diagnostic (or an evaluation failure, or a shape failure),
    // or whose code a builder writes into a host's text.
    private static Regex UsedToBuild(string field) =>
        new($@"(\b(Create|new|ToCanonical|ShapeFailure|Fail)\([^;]*\b{field}\b)|\b{field}\.Code\b", RegexOptions.None, TimeSpan.FromSeconds(10));

    // 'Create(SomeDescriptor, ...', 'new Diagnostic(...', 'new(SomeDescriptor, ...', 'new EvaluationException(SomeDescriptor, ...', 'new ShapeFailure(SomeDescriptor, ...',
    // 'Create(error.Descriptor, ...': a diagnostic whose message is written where it is built.
    [GeneratedRegex(@"\bnew Diagnostic\(|(\bCreate|\bnew(\s+(EvaluationException|ShapeFailure))?)\(\s*[A-Za-z_][\w.]*Descriptor\b")]
    private static partial Regex InlineDiagnostic();
}
