using HyperDsl.Compiler.Catalog;

namespace HyperDsl.LanguageServer.Tests;

public sealed class HoverTests
{
    private const string Uri = "untitled:spec.hyp";

    private static async Task<string> HoverAsync(string piece, int into = 0, int occurrence = 0)
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAndCheckAsync(Uri, SpecText.Clean);
        var (line, character) = SpecText.Find(SpecText.Clean, piece, occurrence);
        var hover = await client.AtAsync("textDocument/hover", Uri, line, character + into);
        Assert.Equal("markdown", hover.GetProperty("contents").GetProperty("kind").GetString());
        return hover.GetProperty("contents").GetProperty("value").GetString()!;
    }

    [Fact]
    public async Task A_layer_shows_its_catalogue_signature_summary_and_arguments()
    {
        var text = await HoverAsync("conv", into: 2);

        var conv = BuiltinCatalog.Find("conv")!;
        Assert.Contains(conv.Signature, text, StringComparison.Ordinal);
        Assert.Contains(conv.Summary, text, StringComparison.Ordinal);
        Assert.Contains(conv.Find("kernel")!.Summary, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_layer_shows_the_shapes_it_takes_and_gives_over_the_space()
    {
        var conv = await HoverAsync("conv", into: 1);
        var linear = await HoverAsync("linear");

        // width ~ choice(8, 16): a 3x3 'same' convolution of a 28x28 Fashion-MNIST image.
        Assert.Contains("Shapes here: `1x28x28` → `8x28x28`; `1x28x28` → `16x28x28`", conv, StringComparison.Ordinal);
        Assert.Contains("→ `10`", linear, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_distribution_shows_its_catalogue_entry()
    {
        var text = await HoverAsync("loguniform");

        Assert.Contains(BuiltinCatalog.Find("loguniform")!.Summary, text, StringComparison.Ordinal);
        Assert.Contains("a distribution", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_named_argument_shows_what_it_takes()
    {
        var text = await HoverAsync("kernel:", into: 1);

        Assert.Contains(BuiltinCatalog.Find("conv")!.Find("kernel")!.Summary, text, StringComparison.Ordinal);
        Assert.Contains("conv(kernel: ...)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parameter_where_it_is_used_shows_its_type_and_domain()
    {
        var text = await HoverAsync("lr: lr", into: 5);

        Assert.Contains("(parameter) lr: float", text, StringComparison.Ordinal);
        Assert.Contains("Domain: `float log [0.001, 0.03]`", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_shows_its_catalogue_line()
    {
        var text = await HoverAsync("epochs");

        Assert.Contains(BuiltinCatalog.Settings[(Syntax.Ast.SectionKind.Train, "epochs")].Summary, text, StringComparison.Ordinal);
        Assert.Contains("`train` setting", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_experiment_name_shows_what_hyp_check_summary_shows()
    {
        var text = await HoverAsync("quickstart");

        Assert.Contains("experiment quickstart", text, StringComparison.Ordinal);
        Assert.Contains("space", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whitespace_has_no_hover()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAndCheckAsync(Uri, SpecText.Clean);

        var hover = await client.AtAsync("textDocument/hover", Uri, SpecText.Find(SpecText.Clean, "params").Line - 1, 0);

        Assert.Equal(System.Text.Json.JsonValueKind.Null, hover.ValueKind);
    }
}
