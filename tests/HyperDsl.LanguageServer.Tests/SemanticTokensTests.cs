namespace HyperDsl.LanguageServer.Tests;

public sealed class SemanticTokensTests
{
    private const string Uri = "untitled:spec.hyp";

    private static readonly string Text = "/* the quick start,\n   a little changed */\n" + SpecText.Clean.Replace("    relu\n", "    relu // after conv\n", StringComparison.Ordinal);

    // Each token as (line, character, length, type, modifiers), decoded from LSP's relative numbers with the server's legend.
    private static async Task<List<(int Line, int Character, int Length, string Type, int Modifiers)>> TokensAsync()
    {
        await using var client = LspTestClient.InMemory();
        var capabilities = (await client.InitializeAsync()).GetProperty("capabilities").GetProperty("semanticTokensProvider");
        var legend = capabilities.GetProperty("legend").GetProperty("tokenTypes").EnumerateArray().Select(t => t.GetString()!).ToList();
        await client.OpenAndCheckAsync(Uri, Text);
        var data = (await client.RequestAsync("textDocument/semanticTokens/full", new { textDocument = new { uri = Uri } }))
            .GetProperty("data").EnumerateArray().Select(n => n.GetInt32()).ToList();
        var tokens = new List<(int, int, int, string, int)>();
        var (line, character) = (0, 0);
        for (var i = 0; i < data.Count; i += 5)
        {
            line += data[i];
            character = data[i] == 0 ? character + data[i + 1] : data[i + 1];
            tokens.Add((line, character, data[i + 2], legend[data[i + 3]], data[i + 4]));
        }

        return tokens;
    }

    private static (int Line, int Character, int Length, string Type, int Modifiers) At(List<(int Line, int Character, int Length, string Type, int Modifiers)> tokens, string piece, int occurrence = 0)
    {
        var (line, character) = SpecText.Find(Text, piece, occurrence);
        return Assert.Single(tokens, t => t.Line == line && t.Character == character);
    }

    [Fact]
    public async Task Names_are_told_apart_by_what_they_mean_and_the_rest_by_the_lexer()
    {
        var tokens = await TokensAsync();

        Assert.Equal("keyword", At(tokens, "experiment").Type);
        Assert.Equal(("namespace", 1), (At(tokens, "quickstart").Type, At(tokens, "quickstart").Modifiers));
        Assert.Equal(("variable", 1), (At(tokens, "lr    ~").Type, At(tokens, "lr    ~").Modifiers));
        Assert.Equal(("property", 0), (At(tokens, "lr: lr").Type, At(tokens, "lr: lr").Modifiers));
        Assert.Equal(("variable", 0), (At(tokens, "lr)").Type, At(tokens, "lr)").Modifiers));
        Assert.Equal("function", At(tokens, "loguniform").Type);
        Assert.Equal("function", At(tokens, "conv").Type);
        Assert.Equal("number", At(tokens, "1e-3").Type);
        Assert.Equal("operator", At(tokens, "~").Type);
        Assert.Equal("property", At(tokens, "epochs").Type);
        Assert.Equal("property", At(tokens, "kernel").Type);
        Assert.Equal("enumMember", At(tokens, "same").Type);
        Assert.Equal(("comment", "// after conv".Length), (At(tokens, "// after conv").Type, At(tokens, "// after conv").Length));
    }

    [Fact]
    public async Task A_block_comment_over_two_lines_is_one_token_per_line()
    {
        var tokens = await TokensAsync();

        Assert.Equal([(0, 0, "/* the quick start,".Length), (1, 0, "   a little changed */".Length)],
            tokens.Where(t => t.Line < 2).Select(t => (t.Line, t.Character, t.Length)));
        Assert.All(tokens.Where(t => t.Line < 2), t => Assert.Equal("comment", t.Type));
    }
}
