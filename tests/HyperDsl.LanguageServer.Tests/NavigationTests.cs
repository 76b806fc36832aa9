using System.Text.Json;
using HyperDsl.LanguageServer.Analysis;
using HyperDsl.Syntax;
using StreamJsonRpc;

namespace HyperDsl.LanguageServer.Tests;

public sealed class NavigationTests : IDisposable
{
    private const string Uri = "untitled:spec.hyp";

    private const string WithBlock = """
        block head(classes: int) {
          flatten
          linear(classes)
        }

        experiment small {
          data {
            source     fashion_mnist()
            validation 10%
          }

          params {
            lr    ~ loguniform(1e-3, 3e-2)
            width ~ choice(8, 16)
          }

          model {
            conv(width, kernel: 3, padding: same)
            for i in 1 .. 2 {
              conv(width * i, kernel: 3, padding: same)
            }
            head(10)
          }

          train {
            epochs    1
            optimizer adam(lr: lr)
          }

          tune {
            objective maximize val_accuracy
            trials    2
          }
        }

        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-lsp-nav-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<LspTestClient> OpenAsync(string text, string uri = Uri)
    {
        var client = await LspTestClient.StartAsync();
        var diagnostics = await client.OpenAndCheckAsync(uri, text);
        Assert.Empty(diagnostics.EnumerateArray());
        return client;
    }

    private static (int Line, int Character) Start(JsonElement location) =>
        (location.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32(), location.GetProperty("range").GetProperty("start").GetProperty("character").GetInt32());

    [Fact]
    public async Task Definition_of_a_used_parameter_is_its_declaration()
    {
        await using var client = await OpenAsync(WithBlock);
        var (line, character) = SpecText.Find(WithBlock, "lr: lr");

        var definition = await client.AtAsync("textDocument/definition", Uri, line, character + 5);

        var location = Assert.Single(definition.EnumerateArray());
        Assert.Equal(Uri, location.GetProperty("uri").GetString());
        Assert.Equal(SpecText.Find(WithBlock, "lr    ~"), Start(location));
    }

    [Fact]
    public async Task Definition_of_a_block_used_as_a_layer_is_its_declaration()
    {
        await using var client = await OpenAsync(WithBlock);
        var (line, character) = SpecText.Find(WithBlock, "head(10)");

        var definition = await client.AtAsync("textDocument/definition", Uri, line, character + 1);

        Assert.Equal(SpecText.Find(WithBlock, "head(classes"), Start(Assert.Single(definition.EnumerateArray())));
    }

    [Fact]
    public async Task Definition_of_a_choice_member_in_a_match_arm_is_where_the_choice_lists_it()
    {
        var text = WithBlock.Replace("    width ~ choice(8, 16)\n", "    width ~ choice(8, 16)\n    opt   ~ choice(adam, sgd)\n", StringComparison.Ordinal)
            .Replace("optimizer adam(lr: lr)", "optimizer match opt {\n      adam => adam(lr: lr)\n      sgd  => sgd(lr: lr)\n    }", StringComparison.Ordinal);
        await using var client = await OpenAsync(text);
        var (line, character) = SpecText.Find(text, "sgd  =>");

        var definition = await client.AtAsync("textDocument/definition", Uri, line, character);
        var hover = await client.AtAsync("textDocument/hover", Uri, line, character);

        Assert.Equal(SpecText.Find(text, "sgd)"), Start(Assert.Single(definition.EnumerateArray())));
        Assert.Contains("one of the choices of the parameter `opt` (adam, sgd)", hover.GetProperty("contents").GetProperty("value").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Definition_of_an_import_is_the_imported_file()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "blocks.hyp"), "block head(classes: int) {\n  flatten\n  linear(classes)\n}\n");
        var text = "import \"blocks.hyp\"\n" + WithBlock[(WithBlock.IndexOf("experiment", StringComparison.Ordinal))..];
        var uri = DocumentUris.FromPath(Path.Combine(_folder, "main.hyp"));
        await using var client = await OpenAsync(text, uri);

        var fromImport = await client.AtAsync("textDocument/definition", uri, 0, 10);
        var (line, character) = SpecText.Find(text, "head(10)");
        var fromLayer = await client.AtAsync("textDocument/definition", uri, line, character);

        var blocks = DocumentUris.FromPath(Path.Combine(_folder, "blocks.hyp"));
        Assert.Equal(blocks, Assert.Single(fromImport.EnumerateArray()).GetProperty("uri").GetString());
        Assert.Equal(blocks, Assert.Single(fromLayer.EnumerateArray()).GetProperty("uri").GetString());
        Assert.Equal((0, 6), Start(Assert.Single(fromLayer.EnumerateArray())));
    }

    [Fact]
    public async Task References_of_a_parameter_are_its_declaration_and_every_use()
    {
        await using var client = await OpenAsync(WithBlock);
        var (line, character) = SpecText.Find(WithBlock, "width ~");

        var references = await client.AtAsync("textDocument/references", Uri, line, character, new { includeDeclaration = true });

        Assert.Equal([SpecText.Find(WithBlock, "width ~"), SpecText.Find(WithBlock, "width, kernel"), SpecText.Find(WithBlock, "width * i")],
            references.EnumerateArray().Select(Start));
    }

    [Fact]
    public async Task References_without_the_declaration_are_the_uses_only()
    {
        await using var client = await OpenAsync(WithBlock);
        var (line, character) = SpecText.Find(WithBlock, "classes)");

        var references = await client.AtAsync("textDocument/references", Uri, line, character, new { includeDeclaration = false });

        Assert.Equal([SpecText.Find(WithBlock, "classes)")], references.EnumerateArray().Select(Start));
    }

    [Fact]
    public async Task An_experiment_is_defined_by_its_declaration_and_referenced_where_another_extends_it()
    {
        var text = WithBlock + "experiment wider extends small {\n  params {\n    width ~ choice(32, 64)\n  }\n}\n";
        await using var client = await OpenAsync(text);
        var (line, character) = SpecText.Find(text, "small {", occurrence: 1);

        var definition = await client.AtAsync("textDocument/definition", Uri, line, character);
        var references = await client.AtAsync("textDocument/references", Uri, line, character, new { includeDeclaration = true });

        Assert.Equal(SpecText.Find(text, "small {"), Start(Assert.Single(definition.EnumerateArray())));
        Assert.Equal([SpecText.Find(text, "small {"), (line, character)], references.EnumerateArray().Select(Start));
    }

    [Fact]
    public async Task Renaming_a_parameter_changes_its_declaration_and_every_use_and_the_spec_still_checks()
    {
        await using var client = await OpenAsync(WithBlock);
        var (line, character) = SpecText.Find(WithBlock, "width * i");

        var prepared = await client.AtAsync("textDocument/prepareRename", Uri, line, character);
        var edit = await client.RequestAsync("textDocument/rename", new { textDocument = new { uri = Uri }, position = new { line, character }, newName = "channels" });

        Assert.Equal("width", prepared.GetProperty("placeholder").GetString());
        var edits = edit.GetProperty("changes").GetProperty(Uri).EnumerateArray().ToList();
        Assert.Equal(3, edits.Count);
        Assert.All(edits, e => Assert.Equal("channels", e.GetProperty("newText").GetString()));
        var renamed = Apply(WithBlock, edits);
        Assert.Contains("channels ~ choice(8, 16)", renamed, StringComparison.Ordinal);
        Assert.Contains("conv(channels * i", renamed, StringComparison.Ordinal);
        Assert.DoesNotContain("width", renamed, StringComparison.Ordinal);
        Assert.False(HyperDsl.Compiler.HypCompilation.Create([SyntaxTree.Parse(renamed)]).HasErrors);
    }

    [Fact]
    public async Task Renaming_a_parameter_an_extending_experiment_redeclares_renames_both_so_the_shared_model_keeps_its_meaning()
    {
        var text = WithBlock + "experiment wider extends small {\n  params {\n    width ~ choice(32, 64)\n  }\n}\n";
        await using var client = await OpenAsync(text);
        var (line, character) = SpecText.Find(text, "width ~ choice(8");

        var edit = await client.RequestAsync("textDocument/rename", new { textDocument = new { uri = Uri }, position = new { line, character }, newName = "channels" });

        var renamed = Apply(text, edit.GetProperty("changes").GetProperty(Uri).EnumerateArray());
        Assert.Contains("channels ~ choice(8, 16)", renamed, StringComparison.Ordinal);
        Assert.Contains("channels ~ choice(32, 64)", renamed, StringComparison.Ordinal);
        Assert.DoesNotContain("width", renamed, StringComparison.Ordinal);
        Assert.False(HyperDsl.Compiler.HypCompilation.Create([SyntaxTree.Parse(renamed)]).HasErrors);
    }

    [Theory]
    [InlineData("lr", "taken")]
    [InlineData("2x", "not a name")]
    [InlineData("for", "fail to check")]
    public async Task A_rename_that_would_break_the_spec_is_refused_with_a_reason(string newName, string reason)
    {
        await using var client = await OpenAsync(WithBlock);
        var (line, character) = SpecText.Find(WithBlock, "width ~");

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() =>
            client.RequestAsync("textDocument/rename", new { textDocument = new { uri = Uri }, position = new { line, character }, newName }));

        Assert.Contains(reason == "taken" ? "fail to check" : reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_built_in_cannot_be_renamed()
    {
        await using var client = await OpenAsync(WithBlock);
        var (line, character) = SpecText.Find(WithBlock, "conv");

        var prepared = await client.AtAsync("textDocument/prepareRename", Uri, line, character);

        Assert.Equal(JsonValueKind.Null, prepared.ValueKind);
    }

    private static string Apply(string text, IEnumerable<JsonElement> edits)
    {
        var lines = text.Split('\n');
        foreach (var edit in edits.OrderByDescending(e => Start(e)))
        {
            var (line, character) = Start(edit);
            var end = edit.GetProperty("range").GetProperty("end").GetProperty("character").GetInt32();
            lines[line] = lines[line][..character] + edit.GetProperty("newText").GetString() + lines[line][end..];
        }

        return string.Join('\n', lines);
    }
}
