using System.Text;
using HyperDsl.Compiler;
using HyperDsl.Compiler.Emit;
using HyperDsl.Compiler.Lowering;
using SyntaxTree = HyperDsl.Syntax.SyntaxTree;

namespace HyperDsl.Emit.Tests;

/// <summary>A lowered expression printed as the C# that computes it, names and text escaped on the way.</summary>
public class LoweredExpressionPrinterTests
{
    private const string Params = """
        width ~ choice(4, 8)
            rate ~ uniform(0.1, 0.5)
            deep ~ choice(true, false)
            extra ~ uniform(0.0, 1.0) when deep
            half = width / 2
            scaled = rate / 2
            label = "say \"hi\" {now}"
        """;

    private static (LoweredExperiment Lowered, LoweredExpressionPrinter Printer) Lower()
    {
        var text = $$"""
            experiment printed {
              data { source synthetic(count: 8, shape: [1, 8, 8], classes: 2); validation 20% }
              params {
                {{Params}}
              }
              model {
                conv(width)
                flatten
                linear(2)
              }
              train { epochs 1
                optimizer sgd(lr: 0.1) }
              tune { objective maximize val_accuracy }
            }
            """;
        var compilation = HypCompilation.Create([SyntaxTree.Parse(Encoding.UTF8.GetBytes(text), "main.hyp")]);
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        var bound = Assert.Single(compilation.Experiments).Bound!;
        return (ExperimentLowerer.Lower(bound), new LoweredExpressionPrinter(GeneratedLayout.Of(bound)));
    }

    private static string Print(string parameter)
    {
        var (lowered, printer) = Lower();
        return printer.Print(lowered.Parameters.Single(p => p.Name == parameter).Definition, CodeScope.ForParams("p"));
    }

    [Fact]
    public void Int_division_is_the_runtimes_and_float_division_is_csharps()
    {
        Assert.Equal("global::HyperDsl.Runtime.SpecMath.Divide((long)p.Width, 2L)", Print("half"));
        Assert.Equal("(p.Rate / 2L)", Print("scaled"));
    }

    [Fact]
    public void A_string_reaches_csharp_only_as_an_escaped_literal()
    {
        Assert.Equal(CSharpNames.String("say \"hi\" {now}"), Print("label"));
        Assert.Equal("\"say \\\"hi\\\" {now}\"", Print("label"));
    }

    [Fact]
    public void A_conditional_parameter_is_read_as_its_value_unless_the_caller_handles_its_absence()
    {
        var (lowered, printer) = Lower();
        var extra = lowered.Parameters.Single(p => p.Name == "extra");
        var reference = new LoweredParameterReference(extra.Symbol, extra.Span);

        Assert.Equal("p.Extra!.Value", printer.Print(reference, CodeScope.ForParams("p")));
        Assert.Equal("p.Extra", printer.Print(reference, CodeScope.ForParams("p"), optional: true));
    }

    [Fact]
    public void A_parameter_sampled_into_a_local_is_read_from_the_local()
    {
        var (lowered, printer) = Lower();
        var width = lowered.Parameters.Single(p => p.Name == "width").Symbol;

        var text = printer.Print(lowered.Parameters.Single(p => p.Name == "half").Definition, CodeScope.ForParams("p").With(width, "s_width"));

        Assert.Equal("global::HyperDsl.Runtime.SpecMath.Divide((long)s_width, 2L)", text);
    }
}
