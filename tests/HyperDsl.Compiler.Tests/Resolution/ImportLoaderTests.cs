using System.Text;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Syntax;
using HyperDsl.Syntax.Diagnostics;
using HyperDsl.TestKit;

namespace HyperDsl.Compiler.Tests.Resolution;

/// <summary>
/// What <c>import</c> may read: only regular <c>.hyp</c> files, bounded in size, depth and number,
/// read from disk the way the CLI and the build tool read them. Whatever is refused is a
/// diagnostic at the import, and nothing of a refused file is ever quoted.
/// </summary>
public sealed class ImportLoaderTests : IDisposable
{
    private const string Secret = "hunter2-very-secret";

    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-import-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private HypCompilation CompileMain(string text)
    {
        var main = Write("main.hyp", text);
        return HypCompilation.Create([SyntaxTree.Parse(File.ReadAllBytes(main), main)], new FileSystemSourceResolver());
    }

    private static string Printed(HypCompilation compilation) =>
        string.Concat(compilation.Diagnostics.Select(d => DiagnosticFormatter.ToAnnotated(d)));

    private static Diagnostic SingleDiagnostic(HypCompilation compilation, string code)
    {
        var diagnostic = Assert.Single(compilation.Diagnostics);
        Assert.True(diagnostic.Code == code, $"Expected {code}, got: {diagnostic}");
        return diagnostic;
    }

    [Fact]
    public void A_plain_hyp_file_is_imported()
    {
        Write("lib.hyp", "block head { flatten; linear(10) }\n");

        var compilation = CompileMain("import \"lib.hyp\"\n");

        Assert.Empty(compilation.Diagnostics);
        Assert.Single(compilation.ImportedTrees);
    }

    [Fact]
    public void A_file_whose_name_does_not_end_in_hyp_is_refused_at_the_import_without_echoing_it()
    {
        Write("shadow", $"root:$6${Secret}:19000:0:99999:7:::\nexperiment {Secret} {{\n");

        var compilation = CompileMain("import \"shadow\"\n");

        var diagnostic = SingleDiagnostic(compilation, "HYP1206");
        Assert.Equal(new Syntax.Text.LinePosition(1, 8), diagnostic.Span.Start);
        Assert.DoesNotContain(Secret, Printed(compilation), StringComparison.Ordinal);
        Assert.Empty(compilation.ImportedTrees);
    }

    [Fact]
    public void The_environment_of_the_process_is_not_importable()
    {
        var compilation = CompileMain("import \"/proc/self/environ\"\n");

        SingleDiagnostic(compilation, "HYP1206");
        Assert.DoesNotContain("PATH", Printed(compilation), StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_named_hyp_to_a_file_that_is_not_a_spec_is_refused_without_echoing_it()
    {
        var secret = Write("id_rsa", $"-----BEGIN KEY-----\n{Secret}\n");
        File.CreateSymbolicLink(Path.Combine(_folder, "lib.hyp"), secret);

        var compilation = CompileMain("import \"lib.hyp\"\n");

        SingleDiagnostic(compilation, "HYP1206");
        Assert.DoesNotContain(Secret, Printed(compilation), StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_named_hyp_to_a_pseudo_file_is_refused_without_echoing_it()
    {
        File.CreateSymbolicLink(Path.Combine(_folder, "lib.hyp"), "/proc/self/environ");

        var compilation = CompileMain("import \"lib.hyp\"\n");

        Assert.Contains(compilation.Diagnostics, d => d.Code is "HYP1206" or "HYP1207");
        Assert.DoesNotContain("PATH", Printed(compilation), StringComparison.Ordinal);
    }

    [Fact]
    public void An_endless_device_is_refused_at_once()
    {
        File.CreateSymbolicLink(Path.Combine(_folder, "zero.hyp"), "/dev/zero");

        var compilation = SpecialFiles.CompletesWithin(HangGuard, null, () => CompileMain("import \"/dev/zero\"\nimport \"zero.hyp\"\n"));

        // Neither names a .hyp file (a link is followed only to one), so neither is opened.
        Assert.Equal(["HYP1206", "HYP1206"], compilation.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void A_fifo_is_refused_without_blocking()
    {
        var fifo = SpecialFiles.MakeFifo(Path.Combine(_folder, "pipe.hyp"));

        var compilation = SpecialFiles.CompletesWithin(HangGuard, fifo, () => CompileMain("import \"pipe.hyp\"\n"));

        var diagnostic = SingleDiagnostic(compilation, "HYP1207");
        Assert.Contains("FIFO", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_named_like_a_spec_is_refused()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "lib.hyp"));

        var compilation = CompileMain("import \"lib.hyp\"\n");

        Assert.Contains("directory", SingleDiagnostic(compilation, "HYP1207").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\\u{0}")]
    [InlineData("lib\\u{0}.hyp")]
    [InlineData("")]
    [InlineData("lib.hyp\\u{0}")]
    public void An_import_path_that_names_no_file_is_a_diagnostic_not_an_exception(string path)
    {
        var compilation = CompileMain($"import \"{path}\"\n");

        var diagnostic = SingleDiagnostic(compilation, "HYP1206");
        Assert.DoesNotContain('\0', DiagnosticFormatter.ToAnnotated(diagnostic));
    }

    [Fact]
    public void An_import_from_a_file_whose_own_path_names_no_file_is_a_diagnostic_not_an_exception()
    {
        var compilation = HypCompilation.Create([SyntaxTree.Parse("import \"lib.hyp\"\n", "dir\0/main.hyp")], new FileSystemSourceResolver());

        Assert.Equal("HYP1206", Assert.Single(compilation.Diagnostics).Code);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_it_is_read()
    {
        Write("big.hyp", "// " + new string('x', SpecFileReader.MaxBytes) + "\n");

        var compilation = CompileMain("import \"big.hyp\"\n");

        Assert.Contains("1 MiB", SingleDiagnostic(compilation, "HYP1208").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_just_under_the_size_limit_is_imported()
    {
        Write("big.hyp", "// " + new string('x', SpecFileReader.MaxBytes - 4) + "\n");

        Assert.Empty(CompileMain("import \"big.hyp\"\n").Diagnostics);
    }

    [Fact]
    public void An_imported_file_that_is_not_utf8_is_refused_without_echoing_it()
    {
        Write("lib.hyp", [.. Encoding.UTF8.GetBytes($"block {Secret} {{ flatten }}\n// caf"), 0xE9, .. Encoding.UTF8.GetBytes($"\n{Secret} ~ ~ ~\n")]);

        var compilation = CompileMain("import \"lib.hyp\"\n");

        Assert.Equal("HYP0006", SingleDiagnostic(compilation, "HYP0006").Code);
        Assert.DoesNotContain(Secret, Printed(compilation), StringComparison.Ordinal);
    }

    [Fact]
    public void An_imported_binary_file_is_refused_without_echoing_it()
    {
        Write("lib.hyp", [.. Encoding.UTF8.GetBytes($"{Secret} = 1\n"), 0, 0, 0, .. Encoding.UTF8.GetBytes($"{Secret} ~ ~\n")]);

        var compilation = CompileMain("import \"lib.hyp\"\n");

        SingleDiagnostic(compilation, "HYP0008");
        Assert.DoesNotContain(Secret, Printed(compilation), StringComparison.Ordinal);
    }

    [Fact]
    public void Imports_nested_deeper_than_the_limit_are_reported_once_and_not_loaded()
    {
        const int files = ImportLoader.MaxDepth + 8;
        for (var i = 1; i < files; i++)
        {
            Write($"f{i}.hyp", $"import \"f{i + 1}.hyp\"\n");
        }

        Write($"f{files}.hyp", "block last { flatten }\n");

        var compilation = CompileMain("import \"f1.hyp\"\n");

        var diagnostic = SingleDiagnostic(compilation, "HYP1209");
        Assert.Contains($"{ImportLoader.MaxDepth}", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(ImportLoader.MaxDepth, compilation.ImportedTrees.Length);
    }

    [Fact]
    public void Imports_nested_exactly_to_the_limit_load()
    {
        for (var i = 1; i < ImportLoader.MaxDepth; i++)
        {
            Write($"f{i}.hyp", $"import \"f{i + 1}.hyp\"\n");
        }

        Write($"f{ImportLoader.MaxDepth}.hyp", "block last { flatten }\n");

        var compilation = CompileMain("import \"f1.hyp\"\n");

        Assert.Empty(compilation.Diagnostics);
        Assert.Equal(ImportLoader.MaxDepth, compilation.ImportedTrees.Length);
    }

    [Fact]
    public void More_imported_files_than_the_limit_are_reported_and_not_loaded()
    {
        var main = new StringBuilder();
        for (var i = 0; i < ImportLoader.MaxFiles + 10; i++)
        {
            Write($"f{i}.hyp", "\n");
            main.Append($"import \"f{i}.hyp\"\n");
        }

        var compilation = CompileMain(main.ToString());

        var diagnostic = SingleDiagnostic(compilation, "HYP1209");
        Assert.Equal(ImportLoader.MaxFiles + 1, diagnostic.Span.Start.Line);
        Assert.Equal(ImportLoader.MaxFiles, compilation.ImportedTrees.Length);
    }

    [Fact]
    public void A_cycle_of_imports_is_still_reported()
    {
        Write("a.hyp", "import \"b.hyp\"\n");
        Write("b.hyp", "import \"a.hyp\"\n");

        var compilation = CompileMain("import \"a.hyp\"\n");

        SingleDiagnostic(compilation, "HYP1204");
    }
}
