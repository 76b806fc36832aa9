namespace HyperDsl.Compiler.Tests;

public class CheckedExperimentFormatterTests
{
    [Fact]
    public void Strings_from_the_spec_are_escaped_and_long_domains_cut_in_the_summary()
    {
        var values = string.Join(", ", Enumerable.Range(0, 200).Select(i => $"\"value{i}\""));
        var compilation = CompilationHelper.CompileText($$"""
            experiment e {
              data { source fashion_mnist(); validation 20% }
              params {
                lr   ~ loguniform(1e-4, 1e-1)
                tag  ~ choice("red\u{1b}[31m", "line\u{2028}break")
                many ~ choice({{values}})
              }
              model { flatten; linear(10) }
              train { epochs 2; optimizer adam(lr: lr) }
              tune { objective maximize val_accuracy; trials 4 }
            }
            """);

        var summary = CheckedExperimentFormatter.Format(Assert.Single(compilation.Experiments));

        Assert.DoesNotContain('\u001b', summary);
        Assert.DoesNotContain('\u2028', summary);
        Assert.Contains("\"red\\u{001B}[31m\"", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("value199", summary, StringComparison.Ordinal);
        Assert.All(summary.Split('\n'), line => Assert.True(line.Length <= 160, line));
    }
}
