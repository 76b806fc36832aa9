using System.Text.Json;

namespace HyperDsl.LanguageServer.Tests;

public sealed class CompletionTests
{
    private const string Uri = "untitled:spec.hyp";

    // The cursor is where '$' is; the '$' is taken out before the text is sent.
    private static async Task<List<JsonElement>> CompleteAsync(string textWithCursor, string? openedFirst = null)
    {
        var offset = textWithCursor.IndexOf('$', StringComparison.Ordinal);
        var text = textWithCursor.Remove(offset, 1);
        await using var client = await LspTestClient.StartAsync();
        if (openedFirst is null)
        {
            await client.OpenAndCheckAsync(Uri, text);
        }
        else
        {
            await client.OpenAndCheckAsync(Uri, openedFirst);
            await client.ChangeAsync(Uri, text, version: 2);
            await client.DiagnosticsAsync(Uri, version: 2);
        }

        var (line, character) = SpecText.Find(textWithCursor, "$");
        var items = await client.AtAsync("textDocument/completion", Uri, line, character);
        return [.. items.EnumerateArray()];
    }

    private static string At(string replaced, string replacement) => SpecText.Clean.Replace(replaced, replacement, StringComparison.Ordinal);

    private static List<string> Labels(List<JsonElement> items) => [.. items.Select(i => i.GetProperty("label").GetString()!)];

    [Fact]
    public async Task At_the_start_of_a_model_line_the_layers_backbones_and_model_keywords_are_offered()
    {
        var labels = Labels(await CompleteAsync(At("    relu\n", "    relu\n    $\n")));

        Assert.Contains("conv", labels);
        Assert.Contains("resnet18", labels);
        Assert.Contains("residual", labels);
        Assert.DoesNotContain("loguniform", labels);
        Assert.DoesNotContain("epochs", labels);
    }

    [Fact]
    public async Task Inside_a_call_the_argument_names_not_given_yet_come_first_then_the_parameters()
    {
        var items = await CompleteAsync(At("conv(width, kernel: 3, padding: same)", "conv(width, kernel: 3, $)"));

        var labels = Labels(items);
        var stride = Assert.Single(items, i => i.GetProperty("label").GetString() == "stride:");
        Assert.Equal("stride: ", stride.GetProperty("insertText").GetString());
        Assert.DoesNotContain("kernel:", labels);
        Assert.Contains("width", labels);
        Assert.Contains("lr", labels);
    }

    [Fact]
    public async Task After_a_named_argument_its_keywords_are_offered()
    {
        var labels = Labels(await CompleteAsync(At("padding: same)", "padding: $)")));

        Assert.Contains("same", labels);
        Assert.Contains("width", labels);
    }

    [Fact]
    public async Task After_a_tilde_the_distributions_are_offered()
    {
        var labels = Labels(await CompleteAsync(At("width ~ choice(8, 16)", "width ~ $")));

        Assert.Contains("loguniform", labels);
        Assert.Contains("choice", labels);
        Assert.DoesNotContain("conv", labels);
    }

    [Fact]
    public async Task In_a_train_section_the_settings_are_offered_and_after_optimizer_the_optimizers()
    {
        var settings = Labels(await CompleteAsync(At("    epochs    2\n", "    epochs    2\n    $\n")));
        var optimizers = Labels(await CompleteAsync(At("optimizer adam(lr: lr)", "optimizer $")));

        Assert.Contains("optimizer", settings);
        Assert.Contains("schedule", settings);
        Assert.DoesNotContain("sampler", settings);
        Assert.Contains("sgd", optimizers);
        Assert.Contains("adam", optimizers);
        Assert.DoesNotContain("tpe", optimizers);
    }

    [Fact]
    public async Task In_an_experiment_the_sections_are_offered_and_after_objective_the_directions()
    {
        var sections = Labels(await CompleteAsync(At("  tune {", "  $\n  tune {")));
        var directions = Labels(await CompleteAsync(At("objective maximize val_accuracy", "objective $")));

        Assert.Equal(["data", "params", "model", "train", "tune"], sections);
        Assert.Equal(["maximize", "minimize"], directions);
    }

    [Fact]
    public async Task While_the_text_does_not_parse_the_parameters_come_from_its_last_version_that_did()
    {
        var typing = At("    linear(10)\n", "    linear(10)\n    dropout($\n");

        var items = await CompleteAsync(typing, openedFirst: SpecText.Clean);

        Assert.Contains("width", Labels(items));
        Assert.Contains("p:", Labels(items));
    }

    [Fact]
    public async Task In_the_arms_of_a_match_the_choices_are_offered_and_after_the_arrow_what_the_match_stands_for()
    {
        var spec = At("    lr    ~ loguniform(1e-3, 3e-2)\n", "    lr    ~ loguniform(1e-3, 3e-2)\n    opt   ~ choice(adam, sgd)\n")
            .Replace("optimizer adam(lr: lr)", "optimizer match opt {\n      adam => adam(lr: lr)\n      ARM\n    }", StringComparison.Ordinal);

        var patterns = Labels(await CompleteAsync(spec.Replace("ARM", "$", StringComparison.Ordinal)));
        var values = Labels(await CompleteAsync(spec.Replace("ARM", "sgd => $", StringComparison.Ordinal)));

        Assert.Equal(["adam", "sgd", "_"], patterns);
        Assert.Contains("sgd", values);
        Assert.Contains("rmsprop", values);
        Assert.DoesNotContain("conv", values);
    }

    [Fact]
    public async Task A_block_body_is_offered_its_own_parameters_not_the_experiments()
    {
        var text = "block head(classes: int, drop: float = 0.0) {\n  flatten\n  dropout($)\n}\n\n" + SpecText.Clean;

        var labels = Labels(await CompleteAsync(text));

        Assert.Contains("drop", labels);
        Assert.Contains("classes", labels);
        Assert.DoesNotContain("width", labels);
    }
}
