using System.Globalization;
using HyperDsl.Compiler;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Emit;
using HyperDsl.Compiler.Semantics;
using SyntaxTree = HyperDsl.Syntax.SyntaxTree;

namespace HyperDsl.Emit.Tests;

/// <summary>
/// Each function of the catalogue means the same in the checker and in generated code: the
/// generated C# (the entry's runtime method) computes what the entry's evaluation computes.
/// </summary>
public class FunctionTests
{
    private static readonly double[][] Arguments = [[-2.5], [2.5], [-3], [7], [0.5], [2, 7], [2.5, 1], [-1, -1.5], [-4, 3]];

    [Fact]
    public void Every_function_entry_carries_its_meaning_and_no_other_entry_does()
    {
        Assert.All(BuiltinCatalog.Entries.Values, e => Assert.Equal(e.Kind == EntryKind.Function, e.Function is not null));
        Assert.Contains(BuiltinCatalog.Entries.Values, e => e.Kind == EntryKind.Function);
    }

    [Fact]
    public void Asking_a_non_function_entry_for_its_meaning_fails_loudly_instead_of_picking_a_function()
    {
        var conv = BuiltinCatalog.Find("conv")!;

        var error = Assert.Throws<InvalidOperationException>(() => conv.FunctionMeaning);

        Assert.Contains("'conv'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_code_computes_each_function_as_the_checker_evaluates_it()
    {
        var functions = BuiltinCatalog.Entries.Values.Where(e => e.Kind == EntryKind.Function).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        var cases = (from function in functions
                     from arguments in Arguments
                     where arguments.Length == function.Parameters.Length
                     select (Function: function, Arguments: arguments)).ToList();
        var derived = string.Join("\n", cases.Select((c, i) => $"    v{i} = {c.Function.Name}({string.Join(", ", c.Arguments.Select(Literal))})"));
        var spec = $$"""
            experiment fn {
              data { source synthetic(count: 8, shape: [1, 4, 4], classes: 2); validation 20% }
              params {
                w ~ choice(2, 4)
            {{derived}}
              }
              model { flatten; linear(w); relu; linear(2) }
              train { epochs 1; optimizer adam(lr: 1e-3) }
              tune { objective maximize val_accuracy; trials 1 }
            }
            """;
        var (sources, diagnostics) = HypCompilationEmitter.Emit(HypCompilation.Create([SyntaxTree.Parse(spec, "fn.hyp")]));
        Assert.DoesNotContain(diagnostics, d => d.IsError);
        var assembly = GeneratedAssembly.Load(sources);
        var point = Activator.CreateInstance(assembly.GetType("HyperDsl.Generated.FnParams")!, [2])!;

        for (var i = 0; i < cases.Count; i++)
        {
            var (function, arguments) = cases[i];
            var expected = function.FunctionMeaning.Evaluate([.. arguments.Select(Value)]);
            var generated = point.GetType().GetProperty($"V{i}")!.GetValue(point);
            var what = $"{function.Name}({string.Join(", ", arguments)})";
            Assert.True(expected switch
            {
                IntValue n => Convert.ToInt64(generated, CultureInfo.InvariantCulture) == n.Value && generated is int or long,
                FloatValue f => generated is double d && d == f.Value,
                _ => false,
            }, $"{what}: checker {expected.Display}, generated {generated}");
        }
    }

    private static string Literal(double value) =>
        value == Math.Floor(value) ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);

    private static Value Value(double value) => value == Math.Floor(value) ? new IntValue((long)value) : new FloatValue(value);
}
