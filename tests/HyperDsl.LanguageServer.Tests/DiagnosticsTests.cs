using System.Text;
using System.Text.Json;
using HyperDsl.Compiler;
using HyperDsl.Compiler.Resolution;
using HyperDsl.LanguageServer.Analysis;
using HyperDsl.Syntax;

namespace HyperDsl.LanguageServer.Tests;

public sealed class DiagnosticsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-lsp-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string UriOf(string name) => DocumentUris.FromPath(Path.Combine(_folder, name));

    [Fact]
    public async Task Opening_a_spec_with_an_error_publishes_its_code_severity_range_and_help()
    {
        await using var client = await LspTestClient.StartAsync();

        var diagnostics = await client.OpenAndCheckAsync(UriOf("main.hyp"), SpecText.WithErrors);

        var unknown = Single(diagnostics, "HYP1001");
        Assert.Equal(1, unknown.GetProperty("severity").GetInt32());
        Assert.Equal("hyp", unknown.GetProperty("source").GetString());
        AssertRange(unknown, SpecText.Find(SpecText.WithErrors, "lrr"), length: 3);
        Assert.Equal("Unknown name 'lrr'.\nDid you mean 'lr'?", unknown.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_diagnostics_are_what_hyp_check_reports_for_the_same_file()
    {
        var path = Path.Combine(_folder, "main.hyp");
        var text = SpecText.WithErrors.Replace("validation 10%", "validation 10%\n    augment { hflip; spin }", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, text);
        var check = HypCompilation.Create([SyntaxTree.Parse(Encoding.UTF8.GetBytes(text), path)], new FileSystemSourceResolver());
        await using var client = await LspTestClient.StartAsync();

        var diagnostics = await client.OpenAndCheckAsync(DocumentUris.FromPath(path), text);

        var expected = check.Diagnostics.Select(d => $"({d.Span.Start.Line},{d.Span.Start.Column})-({d.Span.End.Line},{d.Span.End.Column}) {d.Code}: {d.Message}{(d.Help is null ? "" : "\n" + d.Help)}");
        var published = diagnostics.EnumerateArray().Select(d =>
        {
            var range = d.GetProperty("range");
            return $"({Line(range, "start")}) -({Line(range, "end")}) {d.GetProperty("code").GetString()}: {d.GetProperty("message").GetString()}".Replace(") -(", ")-(", StringComparison.Ordinal);
        });
        Assert.Equal(expected, published);
        Assert.True(check.Diagnostics.Length >= 2, "The spec should have several problems.");
    }

    [Fact]
    public async Task A_change_that_fixes_the_errors_publishes_an_empty_list()
    {
        var uri = UriOf("main.hyp");
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAndCheckAsync(uri, SpecText.WithErrors);

        await client.ChangeAsync(uri, SpecText.Clean, version: 2);

        Assert.Empty((await client.DiagnosticsAsync(uri, version: 2)).EnumerateArray());
    }

    [Fact]
    public async Task A_change_with_a_range_edits_only_that_range()
    {
        var uri = UriOf("main.hyp");
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAndCheckAsync(uri, SpecText.WithErrors);
        var (line, character) = SpecText.Find(SpecText.WithErrors, "lrr");

        await client.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri, version = 2 },
            contentChanges = new[] { new { range = new { start = new { line, character = character + 2 }, end = new { line, character = character + 3 } }, text = "x" } },
        });

        var error = Assert.Single((await client.DiagnosticsAsync(uri, version: 2)).EnumerateArray());
        Assert.StartsWith("Unknown name 'lrx'.", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(line, error.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Closing_a_document_empties_its_list()
    {
        var uri = UriOf("main.hyp");
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAndCheckAsync(uri, SpecText.WithErrors);

        await client.CloseAsync(uri);

        Assert.Empty((await client.DiagnosticsAsync(uri)).EnumerateArray());
    }

    [Fact]
    public async Task A_syntax_error_is_published_at_its_token()
    {
        var text = SpecText.Clean.Replace("epochs    2", "epochs    2 +", StringComparison.Ordinal);
        await using var client = await LspTestClient.StartAsync();

        var diagnostics = await client.OpenAndCheckAsync(UriOf("main.hyp"), text);

        var error = Assert.Single(diagnostics.EnumerateArray());
        Assert.StartsWith("HYP0", error.GetProperty("code").GetString(), StringComparison.Ordinal);
        var line = SpecText.Find(text, "epochs").Line;
        Assert.InRange(error.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32(), line, line + 1);
    }

    [Fact]
    public async Task Imports_are_read_relative_to_the_document_and_their_errors_published_under_their_own_uri()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "blocks.hyp"), "block head(classes: int) {\n  flatten\n  linear(classes\n}\n");
        var text = "import \"blocks.hyp\"\n" + SpecText.Clean;
        var uri = UriOf("main.hyp");
        await using var client = await LspTestClient.StartAsync();

        await client.OpenAsync(uri, text);
        var imported = await client.DiagnosticsAsync(UriOf("blocks.hyp"));
        var own = await client.DiagnosticsAsync(uri);

        Assert.Empty(own.EnumerateArray());
        // The ')' missing on line 3 is reported at the '}' that came instead, on line 4 (3 from 0).
        Assert.Equal(3, Assert.Single(imported.EnumerateArray()).GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Saving_an_imported_file_checks_its_importers_again()
    {
        var blocks = Path.Combine(_folder, "blocks.hyp");
        await File.WriteAllTextAsync(blocks, "block head(classes: int) {\n  flatten\n  linear(classes\n}\n");
        var uri = UriOf("main.hyp");
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(uri, "import \"blocks.hyp\"\n" + SpecText.Clean);
        Assert.Single((await client.DiagnosticsAsync(UriOf("blocks.hyp"))).EnumerateArray());

        await File.WriteAllTextAsync(blocks, "block head(classes: int) {\n  flatten\n  linear(classes)\n}\n");
        await client.NotifyAsync("textDocument/didSave", new { textDocument = new { uri = UriOf("blocks.hyp") } });

        Assert.Empty((await client.DiagnosticsAsync(UriOf("blocks.hyp"))).EnumerateArray());
    }

    [Fact]
    public async Task A_missing_import_is_reported_at_its_path()
    {
        var text = "import \"missing.hyp\"\n" + SpecText.Clean;
        await using var client = await LspTestClient.StartAsync();

        var diagnostics = await client.OpenAndCheckAsync(UriOf("main.hyp"), text);

        var error = Assert.Single(diagnostics.EnumerateArray());
        AssertRange(error, SpecText.Find(text, "\"missing.hyp\""), length: "\"missing.hyp\"".Length);
    }

    [Fact]
    public async Task A_document_that_is_not_a_file_imports_nothing()
    {
        var text = "import \"/etc/passwd.hyp\"\n" + SpecText.Clean;
        await using var client = await LspTestClient.StartAsync();

        var diagnostics = await client.OpenAndCheckAsync("untitled:Untitled-1", text);

        Assert.Contains("cannot be read here", Assert.Single(diagnostics.EnumerateArray()).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static string Line(JsonElement range, string end) =>
        $"{range.GetProperty(end).GetProperty("line").GetInt32() + 1},{range.GetProperty(end).GetProperty("character").GetInt32() + 1}";

    private static JsonElement Single(JsonElement diagnostics, string code) =>
        Assert.Single(diagnostics.EnumerateArray(), d => d.GetProperty("code").GetString() == code);

    private static void AssertRange(JsonElement diagnostic, (int Line, int Character) start, int length)
    {
        var range = diagnostic.GetProperty("range");
        Assert.Equal(start.Line, range.GetProperty("start").GetProperty("line").GetInt32());
        Assert.Equal(start.Character, range.GetProperty("start").GetProperty("character").GetInt32());
        Assert.Equal(start.Line, range.GetProperty("end").GetProperty("line").GetInt32());
        Assert.Equal(start.Character + length, range.GetProperty("end").GetProperty("character").GetInt32());
    }
}
