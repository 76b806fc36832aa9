namespace HyperDsl.LanguageServer.Tests;

/// <summary>Specs for the tests, and the LSP position of a piece of their text.</summary>
internal static class SpecText
{
    /// <summary>The quick start, with the learning rate misspelled where the optimizer uses it (HYP1001).</summary>
    public const string WithErrors = """
        experiment quickstart {
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
            relu
            flatten
            linear(10)
          }

          train {
            epochs    2
            batch     128
            optimizer adam(lr: lrr)
          }

          tune {
            objective maximize val_accuracy
            trials    8
          }
        }

        """;

    /// <summary>The same spec, correct.</summary>
    public static string Clean => WithErrors.Replace("lr: lrr", "lr: lr", StringComparison.Ordinal);

    /// <summary>The 0-based line and character where the <paramref name="occurrence"/>-th (0-based) <paramref name="piece"/> starts.</summary>
    public static (int Line, int Character) Find(string text, string piece, int occurrence = 0)
    {
        var offset = -1;
        for (var i = 0; i <= occurrence; i++)
        {
            offset = text.IndexOf(piece, offset + 1, StringComparison.Ordinal);
            Assert.True(offset >= 0, $"'{piece}' occurs fewer than {occurrence + 1} times.");
        }

        var before = text[..offset];
        var line = before.Count(c => c == '\n');
        return (line, offset - (before.LastIndexOf('\n') + 1));
    }
}
