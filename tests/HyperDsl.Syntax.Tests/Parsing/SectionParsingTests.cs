using HyperDsl.Syntax.Ast;
using static HyperDsl.Syntax.Tests.Parsing.ParseHelper;

namespace HyperDsl.Syntax.Tests.Parsing;

public class SectionParsingTests
{
    private static SettingsSectionSyntax Settings(string section) =>
        Assert.IsType<SettingsSectionSyntax>(Assert.Single(ParseExperiment(section).Sections));

    private static ParamsSectionSyntax Params(string body) =>
        Assert.IsType<ParamsSectionSyntax>(Assert.Single(ParseExperiment($"params {{\n{body}\n}}").Sections));

    [Fact]
    public void Sampled_parameters_take_a_distribution_and_an_optional_condition()
    {
        var members = Params("lr ~ loguniform(1e-4, 1e-1)\nmomentum ~ uniform(0.8, 0.99) when optimizer == sgd\nnesterov ~ choice(true, false)\n    when optimizer == sgd").Members;

        var lr = Assert.IsType<SampledParameterSyntax>(members[0]);
        Assert.Equal("lr", lr.Name.Name);
        Assert.Equal("(call loguniform 0.0001 0.1)", Sexpr(lr.Distribution));
        Assert.Null(lr.Condition);
        Assert.Equal("(== optimizer sgd)", Sexpr(Assert.IsType<SampledParameterSyntax>(members[1]).Condition!));
        Assert.Equal("(== optimizer sgd)", Sexpr(Assert.IsType<SampledParameterSyntax>(members[2]).Condition!));
    }

    [Fact]
    public void Fixed_and_derived_values_and_constraints_parse()
    {
        var members = Params("decay = 1e-4\nhidden = width * 4 when depth > 2\nrequire width * 2^(depth - 1) <= 128\nrequire model.params <= 100k").Members;

        Assert.Equal("0.0001", Sexpr(Assert.IsType<FixedParameterSyntax>(members[0]).Value));
        var hidden = Assert.IsType<FixedParameterSyntax>(members[1]);
        Assert.Equal("(* width 4)", Sexpr(hidden.Value));
        Assert.Equal("(> depth 2)", Sexpr(hidden.Condition!));
        Assert.IsType<RequireSyntax>(members[2]);
        Assert.Equal("(<= (. model params) 100000)", Sexpr(Assert.IsType<RequireSyntax>(members[3]).Condition));
    }

    [Fact]
    public void Parameters_may_be_named_like_soft_keywords()
    {
        var members = Params("epochs ~ choice(10, 20)\nsteps ~ int(100, 1k)\nmodel_width ~ choice(8, 16)").Members;

        Assert.Equal(["epochs", "steps", "model_width"], members.Cast<ParameterSyntax>().Select(p => p.Name.Name));
    }

    [Fact]
    public void Value_settings_take_positional_and_named_values()
    {
        var settings = Settings("data {\n  source fashion_mnist(\"/data\")\n  validation 10%\n  normalize mean: [0.286], std: [0.353]\n  normalize imagenet\n  shuffle\n}").Settings;

        var normalize = Assert.IsType<ValueSettingSyntax>(settings[2]);
        Assert.Equal(["mean", "std"], normalize.Arguments.Select(a => a.Name!.Name));
        Assert.Equal("imagenet", Sexpr(Assert.Single(Assert.IsType<ValueSettingSyntax>(settings[3]).Arguments).Value));
        Assert.Empty(Assert.IsType<ValueSettingSyntax>(settings[4]).Arguments);
    }

    [Fact]
    public void Block_settings_hold_a_pipeline_of_statements()
    {
        var augment = Assert.IsType<BlockSettingSyntax>(Assert.Single(Settings("data {\n  augment {\n    rotate(degrees: 15)\n    hflip(p: 0.5)\n    if strong { color_jitter(0.4) }\n  }\n}").Settings));

        Assert.Equal("augment", augment.Name.Name);
        Assert.Equal(3, augment.Body.Length);
    }

    [Fact]
    public void Train_settings_take_match_expressions_and_composed_schedules()
    {
        var settings = Settings("train {\n  epochs 10\n  batch batch\n  optimizer match optimizer {\n    sgd  => sgd(lr: lr, momentum: momentum)\n    adam => adam(lr: lr)\n  }\n  schedule warmup(1 epoch) then cosine(min_lr: 1e-6)\n  early_stop val_loss, patience: 3\n}").Settings;

        Assert.Equal(["epochs", "batch", "optimizer", "schedule", "early_stop"], settings.Select(s => s.Name.Name));
        Assert.IsType<MatchExpressionSyntax>(Assert.IsType<ValueSettingSyntax>(settings[2]).Arguments[0].Value);
        Assert.Equal(2, Assert.IsType<ValueSettingSyntax>(settings[4]).Arguments.Length);
    }

    [Fact]
    public void Tune_takes_several_objectives_and_try_points()
    {
        var settings = Settings("tune {\n  objective maximize val_accuracy, minimize model.params\n  try { lr = 1e-3, batch = 64 }\n  try {\n    lr = 1e-2\n    batch = 32\n  }\n  timeout 2h\n  trials 100\n}").Settings;

        var objective = Assert.IsType<ObjectiveSettingSyntax>(settings[0]);
        Assert.Equal([OptimizationDirection.Maximize, OptimizationDirection.Minimize], objective.Objectives.Select(o => o.Direction));
        Assert.Equal("(. model params)", Sexpr(objective.Objectives[1].Metric));
        Assert.Equal(["lr", "batch"], Assert.IsType<TrySettingSyntax>(settings[1]).Assignments.Select(a => a.Name.Name));
        Assert.Equal(2, Assert.IsType<TrySettingSyntax>(settings[2]).Assignments.Length);
        Assert.Equal("7200s", Sexpr(Assert.IsType<ValueSettingSyntax>(settings[3]).Arguments[0].Value));
    }
}
