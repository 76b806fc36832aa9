using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Semantics;

namespace HyperDsl.Compiler.Evaluation;

/// <summary>
/// The values of symbols at one point: sampled parameters given, derived ones computed on
/// first use, loop variables and block arguments bound in nested environments.
/// </summary>
internal sealed class Environment
{
    private readonly Dictionary<Symbol, Value> _values = [];
    private readonly Environment? _parent;

    public Environment(IReadOnlyDictionary<ParameterSymbol, Value> point, Func<string, long?>? modelStatistic = null)
    {
        foreach (var (symbol, value) in point)
        {
            _values[symbol] = value;
        }

        ModelStatistic = modelStatistic;
    }

    private Environment(Environment parent)
    {
        _parent = parent;
        ModelStatistic = parent.ModelStatistic;
    }

    /// <summary>model.params or model.flops at this point, when known.</summary>
    public Func<string, long?>? ModelStatistic { get; }

    public Environment Child(params (Symbol Symbol, Value Value)[] bindings)
    {
        var child = new Environment(this);
        foreach (var (symbol, value) in bindings)
        {
            child._values[symbol] = value;
        }

        return child;
    }

    public bool TryGet(Symbol symbol, out Value value)
    {
        for (var environment = this; environment is not null; environment = environment._parent)
        {
            if (environment._values.TryGetValue(symbol, out value!))
            {
                return true;
            }
        }

        value = InactiveValue.Instance;
        return false;
    }

    public void Remember(Symbol symbol, Value value)
    {
        var root = this;
        while (root._parent is not null)
        {
            root = root._parent;
        }

        root._values[symbol] = value;
    }
}
