using HyperDsl.Compiler.Lowering;
using HyperDsl.Compiler.Semantics;

namespace HyperDsl.Compiler.Tests.Lowering;

/// <summary>The lowered model: names resolved, arguments matched to their parameters once, spans kept.</summary>
public class ExperimentLowererTests
{
    private static LoweredExperiment Lower(string model, string parameters = "width ~ choice(4, 8)", string train = "", string shape = "[1, 8, 8]")
    {
        var compilation = CompilationHelper.CompileText($$"""
            experiment e {
              data { source synthetic(count: 8, shape: {{shape}}, classes: 2); validation 20% }
              params {
                {{parameters}}
              }
              model {
            {{model}}
              }
              train { epochs 1
                optimizer sgd(lr: 0.1)
                {{train}} }
              tune { objective maximize val_accuracy }
            }
            """);
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        return ExperimentLowerer.Lower(Assert.Single(compilation.Experiments).Bound!);
    }

    [Fact]
    public void Positional_and_named_arguments_lower_to_the_same_parameters_in_the_entrys_order()
    {
        var positional = (LoweredLayer)Lower("conv(width, 3, 2)\n flatten\n linear(2)").Model!.Value[0];
        var named = (LoweredLayer)Lower("conv(stride: 2, out: width, kernel: 3)\n flatten\n linear(2)").Model!.Value[0];

        Assert.Equal(["out", "kernel", "stride"], positional.Arguments.Select(a => a.Parameter));
        Assert.Equal(positional.Arguments.Select(a => a.Parameter), named.Arguments.Select(a => a.Parameter));
        Assert.IsType<LoweredParameterReference>(positional.Arguments[0].Value);
        Assert.Equal(new IntValue(3), ((LoweredLiteral)named.Arguments[1].Value).Value);
    }

    [Fact]
    public void The_values_of_a_choice_are_one_list_under_its_parameter()
    {
        var width = Lower("conv(width)\n flatten\n linear(2)", "width ~ choice(4, 8, 16)").Parameters.Single();

        var call = Assert.IsType<LoweredCall>(width.Definition);
        var values = Assert.IsType<LoweredList>(Assert.Single(call.Arguments).Value);
        Assert.Equal("values", call.Arguments[0].Parameter);
        Assert.Equal([4L, 8L, 16L], values.Items.Select(i => ((IntValue)((LoweredLiteral)i).Value).Value));
        Assert.True(width.IsSampled);
    }

    [Fact]
    public void A_keyword_and_a_condition_resolve_to_what_they_mean()
    {
        var experiment = Lower(
            "conv(8, padding: same)\n if deep { conv(8) }\n flatten\n linear(2)",
            "deep ~ choice(true, false)\n    extra ~ uniform(0, 1) when deep");

        var conv = (LoweredLayer)experiment.Model!.Value[0];
        Assert.Equal("same", Assert.IsType<LoweredKeyword>(conv.Arguments.Single(a => a.Parameter == "padding").Value).Keyword);
        Assert.IsType<LoweredIfStatement>(experiment.Model!.Value[1]);
        Assert.Equal("deep", Assert.IsType<LoweredParameterReference>(experiment.Parameters.Single(p => p.Name == "extra").Condition).Parameter.Name);
    }

    [Fact]
    public void A_settings_arguments_lower_under_their_parameters_and_layer_names_as_names()
    {
        var experiment = Lower(
            "resnet18\n replace fc with linear(2)",
            parameters: "",
            shape: "[3, 32, 32]",
            train: "lr_scale 0.1, except: [fc]\n metrics top5, auc\n early_stop val_loss, patience: 2");

        var scale = experiment.Train.Single(s => s.Name == "lr_scale");
        Assert.Equal(["factor", "except"], scale.Arguments.Select(a => a.Parameter));
        Assert.Equal("fc", Assert.IsType<LoweredLayerName>(Assert.Single(Assert.IsType<LoweredList>(scale.Arguments[1].Value).Items)).Name);
        var metrics = Assert.Single(experiment.Train.Single(s => s.Name == "metrics").Arguments);
        Assert.Equal(["top5", "auc"], Assert.IsType<LoweredList>(metrics.Value).Items.Select(i => Assert.IsType<LoweredKeyword>(i).Keyword));
        var early = experiment.Train.Single(s => s.Name == "early_stop");
        Assert.Equal("val_loss", Assert.IsType<LoweredKeyword>(early.Arguments.Single(a => a.Parameter == "metric").Value).Keyword);
    }

    [Fact]
    public void The_largest_whole_number_lowers_as_the_int_the_checker_computed_with()
    {
        // 2^53, the largest whole number the lexer takes (HYP0005 beyond): the checker's loops and ranges count it as an int, so the generated code must too.
        var experiment = Lower("conv(width)\n flatten\n linear(2)", "width ~ choice(4, 8)\n    big = 9007199254740992");

        Assert.Equal(new IntValue(9007199254740992), Assert.IsType<LoweredLiteral>(experiment.Parameters.Single(p => p.Name == "big").Definition).Value);
    }

    [Fact]
    public void Every_lowered_layer_keeps_the_span_of_its_syntax()
    {
        var model = Lower("conv(width)\n flatten\n linear(2)").Model!.Value;

        Assert.Equal([7, 8, 9], model.Select(s => s.Span.Start.Line));
    }

    [Fact]
    public void An_argument_a_freeze_path_and_a_replace_target_keep_where_they_are_written()
    {
        // The shape walker reports at them: 'mean: [...]' with its name, a path the backbone lacks, a target that is not the head.
        var experiment = Lower("resnet18\n freeze layer1, layer2\n replace fc with linear(2)", parameters: "", shape: "[3, 32, 32]");

        var backbone = (LoweredLayer)experiment.Model!.Value[0];
        Assert.Empty(backbone.Arguments);
        var freeze = Assert.IsType<LoweredFreeze>(experiment.Model!.Value[1]);
        Assert.Equal(["layer1", "layer2"], freeze.LayerSpans.Select(s => s.Text));
        var replace = Assert.IsType<LoweredReplace>(experiment.Model!.Value[2]);
        Assert.Equal("fc", replace.TargetSpan.Text);
        var optimizer = Assert.IsType<LoweredCall>(experiment.Train.Single(s => s.Name == "optimizer").Value);
        var rate = Assert.Single(optimizer.Arguments);
        Assert.Equal("lr: 0.1", rate.Span.Text);
        Assert.Equal("0.1", rate.Value.Span.Text);
    }

    [Fact]
    public void An_expression_keeps_the_type_the_checker_gave_it()
    {
        var experiment = Lower("conv(width * 2)\n flatten\n linear(2)", "width ~ choice(4, 8)\n    scale = width * 0.5");

        var product = Assert.IsType<LoweredBinary>(((LoweredLayer)experiment.Model!.Value[0]).Arguments[0].Value);
        Assert.IsType<IntType>(product.Type);
        Assert.IsType<IntType>(product.Left.Type);
        Assert.IsType<FloatType>(experiment.Parameters.Single(p => p.Name == "scale").Definition.Type);
    }

    [Fact]
    public void A_loop_keeps_the_symbol_its_body_refers_to()
    {
        var loop = Assert.IsType<LoweredFor>(Lower("for i in 0..2 { conv(width * (i + 1)) }\n flatten\n linear(2)").Model!.Value[0]);

        var conv = (LoweredLayer)Assert.Single(loop.Body);
        var variable = LoweredWalker.Expressions(conv.Arguments[0].Value).OfType<LoweredLoopVariable>().Single();
        Assert.Same(loop.Symbol, variable.Variable);
    }
}
