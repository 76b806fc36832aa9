using HyperDsl.Syntax.Formatting;

namespace HyperDsl.LanguageServer.Tests;

public sealed class FormattingTests
{
    private const string Uri = "untitled:spec.hyp";

    [Fact]
    public async Task Formatting_replaces_the_whole_document_with_what_hyp_fmt_writes()
    {
        var messy = SpecText.Clean.Replace("    epochs    2", "  epochs 2", StringComparison.Ordinal).Replace("conv(width, kernel: 3", "conv( width,kernel:3", StringComparison.Ordinal);
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAndCheckAsync(Uri, messy);

        var edits = await client.RequestAsync("textDocument/formatting", new { textDocument = new { uri = Uri }, options = new { tabSize = 4, insertSpaces = true } });

        var edit = Assert.Single(edits.EnumerateArray());
        Assert.Equal(SpecFormatter.Format(messy).Text, edit.GetProperty("newText").GetString());
        var range = edit.GetProperty("range");
        Assert.Equal(0, range.GetProperty("start").GetProperty("line").GetInt32());
        Assert.Equal(messy.Count(c => c == '\n'), range.GetProperty("end").GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task A_spec_already_in_canonical_form_gets_no_edits()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAndCheckAsync(Uri, SpecText.Clean);

        var edits = await client.RequestAsync("textDocument/formatting", new { textDocument = new { uri = Uri }, options = new { tabSize = 2, insertSpaces = true } });

        Assert.Empty(edits.EnumerateArray());
    }

    [Fact]
    public async Task A_spec_with_syntax_errors_is_not_formatted()
    {
        var broken = SpecText.Clean.Replace("  epochs    2", "epochs 2 +", StringComparison.Ordinal);
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAndCheckAsync(Uri, broken);

        var edits = await client.RequestAsync("textDocument/formatting", new { textDocument = new { uri = Uri }, options = new { tabSize = 2, insertSpaces = true } });

        Assert.Empty(edits.EnumerateArray());
    }
}
