using HyperDsl.Compiler.Binding;

namespace HyperDsl.Compiler.Emit;

/// <summary>
/// What names mean at one place of the generated code: the variable holding the parameter record,
/// and the C# locals that stand for loop variables, block arguments, parameters already sampled
/// and the model statistics, each under the symbol (or key) the lowered model refers to.
/// </summary>
internal sealed class CodeScope
{
    private readonly Dictionary<object, string> _locals;

    private CodeScope(string parameters, Dictionary<object, string> locals)
    {
        Params = parameters;
        _locals = locals;
    }

    /// <summary>The C# expression of the parameter record.</summary>
    public string Params { get; }

    /// <summary>A scope where parameters are read from the record <paramref name="name"/>.</summary>
    public static CodeScope ForParams(string name) => new(name, new Dictionary<object, string>(ReferenceEqualityComparer.Instance));

    /// <summary>The scope of a block's method: its parameters are the method's arguments.</summary>
    public static CodeScope ForBlock(BlockSymbol block) => new("p", block.Parameters.ToDictionary(p => (object)p, p => CSharpNames.Local('a', p.Name), ReferenceEqualityComparer.Instance));

    /// <summary>This scope with <paramref name="symbol"/> standing for the local <paramref name="name"/>.</summary>
    public CodeScope With(object symbol, string name) => new(Params, new Dictionary<object, string>(_locals, ReferenceEqualityComparer.Instance) { [symbol] = name });

    /// <summary>The local that stands for <paramref name="symbol"/>, if any.</summary>
    public string? Lookup(object symbol) => _locals.GetValueOrDefault(symbol);

    /// <summary>Whether a C# local of this name is already in scope.</summary>
    public bool Declares(string name) => _locals.ContainsValue(name);
}
