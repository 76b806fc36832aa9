using System.Reflection;
using HyperDsl.Compiler;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Emit;
using HyperDsl.Compiler.Semantics;
using Microsoft.CodeAnalysis;
using SyntaxTree = HyperDsl.Syntax.SyntaxTree;

namespace HyperDsl.Emit.Tests;

/// <summary>
/// Each optimizer, loss and schedule of the catalogue carries how the runtime makes it, and the
/// generator reads that instead of knowing them by name: the runtime method exists, takes each
/// argument where the entry says, defaults it as the entry does, and the generated call compiles.
/// </summary>
public class TrainingFactoryTests
{
    private const string Training = "global::HyperDsl.Runtime.Training.";

    public static TheoryData<string> FactoryEntries() =>
        new(BuiltinCatalog.Entries.Values.Where(e => e.Factory is not null).Select(e => e.Name).Order(StringComparer.Ordinal));

    [Fact]
    public void Every_optimizer_loss_and_schedule_carries_its_runtime_factory_and_no_other_entry_does()
    {
        Assert.All(BuiltinCatalog.Entries.Values, e => Assert.True(
            (e.Kind is EntryKind.Optimizer or EntryKind.Loss or EntryKind.Schedule) == (e.Factory is not null),
            $"{e.Name} ({e.Kind}) {(e.Factory is null ? "has no" : "has a")} runtime factory"));
    }

    [Theory]
    [MemberData(nameof(FactoryEntries))]
    public void The_factory_passes_every_parameter_of_the_entry_once(string name)
    {
        var entry = BuiltinCatalog.Entries[name];

        Assert.Equal(entry.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal), entry.Factory!.Arguments.Select(a => a.Parameter).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(FactoryEntries))]
    public void The_runtime_member_takes_each_argument_with_the_catalogues_default(string name)
    {
        var entry = BuiltinCatalog.Entries[name];
        var factory = entry.Factory!;
        var type = typeof(Runtime.Training.TrainingOptions).Assembly.GetType(factory.TypeName);
        Assert.True(type is not null, $"{name}: no runtime type {factory.TypeName}");
        if (factory.IsProperty)
        {
            Assert.NotNull(type.GetProperty(factory.Member, BindingFlags.Public | BindingFlags.Static));
            return;
        }

        foreach (var member in new[] { factory.Member, factory.StepsMember }.OfType<string>())
        {
            // The overload that takes every argument the entry may pass.
            var method = type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == member).MaxBy(m => m.GetParameters().Length);
            Assert.True(method is not null, $"{name}: no method {factory.TypeName}.{member}");
            var parameters = method.GetParameters();
            var positional = 0;
            foreach (var argument in factory.Arguments)
            {
                var parameter = argument.Name is null ? parameters[positional++] : parameters.SingleOrDefault(p => p.Name == argument.Name);
                Assert.True(parameter is not null, $"{name}: {member} has no parameter '{argument.Name}' for '{argument.Parameter}'");
                var spec = entry.Find(argument.Parameter)!;
                if (!spec.Required && spec.Default is { } fallback)
                {
                    Assert.True(parameter.HasDefaultValue, $"{name}({argument.Parameter}) has no default in {member}");
                    object expected = fallback switch
                    {
                        IntValue i => (int)i.Value,
                        BoolValue b => b.Value,
                        FloatValue f => f.Value,
                        KeywordValue k when argument.EnumType is { } enumType => Enum.Parse(parameter.ParameterType, Compiler.Emit.CSharpNames.Pascal(k.Keyword)),
                        _ => fallback.Display,
                    };
                    Assert.True(Equals(expected, parameter.DefaultValue), $"{name}({argument.Parameter}): the catalogue's default is {expected}, {member}'s is {parameter.DefaultValue}");
                }
            }
        }
    }

    [Theory]
    [InlineData("optimizer sgd(lr: 0.5, momentum: 0.75, nesterov: true, weight_decay: 0.25)", "OptimizerSpec.Sgd(0.5, momentum: 0.75, nesterov: true, weightDecay: 0.25)")]
    [InlineData("optimizer adam(lr: 0.5, beta1: 0.75, beta2: 0.875, eps: 0.125, weight_decay: 0.25)", "OptimizerSpec.Adam(0.5, weightDecay: 0.25, beta1: 0.75, beta2: 0.875, eps: 0.125)")]
    [InlineData("optimizer adamw(lr: 0.5)", "OptimizerSpec.AdamW(0.5)")]
    [InlineData("optimizer rmsprop(lr: 0.5, alpha: 0.75, momentum: 0.5, weight_decay: 0.25)", "OptimizerSpec.RmsProp(0.5, alpha: 0.75, momentum: 0.5, weightDecay: 0.25)")]
    [InlineData("schedule constant", "Schedule.Constant,")]
    [InlineData("schedule step(every: 2 epochs, gamma: 0.5)", "Schedule.Step(" + Training + "TrainingLength.Epochs(2L), gamma: 0.5)")]
    [InlineData("schedule step(100 steps)", "Schedule.Step(" + Training + "TrainingLength.Steps(100L))")]
    [InlineData("schedule multistep(at: [2, 4] epochs, gamma: 0.5)", "Schedule.MultiStep([2, 4], gamma: 0.5)")]
    [InlineData("schedule multistep([100, 200] steps)", "Schedule.MultiStepAtSteps([(long)(100L), (long)(200L)])")]
    [InlineData("schedule exponential(0.5)", "Schedule.Exponential(0.5)")]
    [InlineData("schedule cosine()", "Schedule.Cosine()")]
    [InlineData("schedule cosine(min_lr: 0.5)", "Schedule.Cosine(0.5)")]
    [InlineData("schedule onecycle(max_lr: 0.5, warmup: 0.25)", "Schedule.OneCycle(0.5, riseFraction: 0.25)")]
    [InlineData("schedule plateau()", "Schedule.Plateau()")]
    [InlineData("schedule plateau(patience: 2, factor: 0.5)", "Schedule.Plateau(patience: 2, factor: 0.5)")]
    [InlineData("schedule plateau(factor: 0.5)", "Schedule.Plateau(factor: 0.5)")]
    [InlineData("schedule warmup(2 epochs, start: 0.5) then cosine()", "Schedule.Warmup(" + Training + "TrainingLength.Epochs(2L), (double)(0.5)).Then(" + Training + "Schedule.Cosine())")]
    [InlineData("loss cross_entropy(label_smoothing: 0.5)", "LossFunction.CrossEntropy(0.5)")]
    [InlineData("loss nll", "LossFunction.Nll,")]
    [InlineData("loss bce", "LossFunction.BinaryCrossEntropy,")]
    public void Each_training_object_generates_its_runtime_call(string setting, string expected)
    {
        var optimizer = setting.StartsWith("optimizer", StringComparison.Ordinal) ? "" : "optimizer adam(lr: 1e-3)";
        var spec = $$"""
            experiment factory {
              data { source synthetic(count: 8, shape: [1, 4, 4], classes: 2); validation 25% }
              params { w ~ choice(2, 4) }
              model { flatten; linear(w); relu; linear(2) }
              train { epochs 10; {{optimizer}}; {{setting}} }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """.Replace("{ ; ", "{ ", StringComparison.Ordinal);
        var (sources, diagnostics) = HypCompilationEmitter.Emit(HypCompilation.Create([SyntaxTree.Parse(spec, "factory.hyp")]));
        Assert.DoesNotContain(diagnostics, d => d.IsError);

        var text = Assert.Single(sources).Text;

        Assert.Contains(Training + expected, text, StringComparison.Ordinal);
        Assert.Empty(GeneratedAssembly.Compilation(sources).GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
