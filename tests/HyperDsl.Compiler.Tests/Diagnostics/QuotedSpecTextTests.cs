using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Compiler.Tests.Diagnostics;

/// <summary>
/// The checker's messages quote names, values and expressions from the spec; a long string
/// or one holding a line separator must come out as a short, escaped excerpt.
/// </summary>
public class QuotedSpecTextTests
{
    private static readonly string Long = new('x', 300);

    private static IReadOnlyList<Diagnostic> Check(string spec)
    {
        var compilation = CompilationHelper.CompileText(spec);
        Assert.NotEmpty(compilation.Diagnostics);
        return compilation.Diagnostics;
    }

    private static void AssertShortAndEscaped(IEnumerable<Diagnostic> diagnostics, params string[] codes)
    {
        foreach (var diagnostic in diagnostics.Where(d => codes.Contains(d.Code)))
        {
            var text = diagnostic.Message + diagnostic.Help;
            Assert.DoesNotContain(new string('x', DiagnosticText.MaxExcerptLength + 1), text, StringComparison.Ordinal);
            Assert.DoesNotContain('\u2028', DiagnosticFormatter.ToAnnotated(diagnostic));
        }

        Assert.All(codes, code => Assert.Contains(diagnostics, d => d.Code == code));
    }

    private static string Experiment(string parameters, string model = "flatten; linear(10)", string train = "optimizer adam(lr: lr)", string tune = "") => $$"""
        experiment e {
          data { source fashion_mnist(); validation 20% }
          params {
            lr ~ loguniform(1e-4, 1e-1)
            {{parameters}}
          }
          model { {{model}} }
          train {
            epochs 2
            {{train}}
          }
          tune { objective maximize val_accuracy; trials 4{{tune}} }
        }
        """;

    [Fact]
    public void Choices_listed_twice_or_alone_are_quoted_as_excerpts()
    {
        var diagnostics = Check(Experiment($"tag ~ choice(\"{Long}\\u{{2028}}\", \"{Long}\\u{{2028}}\")\n    one ~ choice(\"{Long}\")"));

        AssertShortAndEscaped(diagnostics, "HYP2007", "HYP2015");
    }

    [Fact]
    public void A_try_point_outside_the_space_is_quoted_as_an_excerpt()
    {
        var diagnostics = Check(Experiment("tag ~ choice(\"a\", \"b\")", tune: $"\n  try {{ lr = 1e-3, tag = \"{Long}\u2028\" }}"));

        AssertShortAndEscaped(diagnostics, "HYP4006");
    }

    [Fact]
    public void A_match_without_an_arm_for_a_string_is_quoted_as_an_excerpt()
    {
        var diagnostics = Check(Experiment($"opt ~ choice(\"{Long}\u2028\", \"sgd\")", train: "optimizer match opt {\n      \"sgd\" => sgd(lr: lr, momentum: 0.9)\n    }"));

        AssertShortAndEscaped(diagnostics, "HYP1107");
    }

    [Fact]
    public void An_expression_of_the_wrong_type_is_quoted_as_an_excerpt()
    {
        var diagnostics = Check(Experiment($"d ~ uniform(\"{Long}\u2028\", 1)"));

        AssertShortAndEscaped(diagnostics, "HYP1101");
    }
}
