namespace HyperDsl.Compiler.Binding;

/// <summary>Names visible at a point of the spec; inner scopes shadow outer ones. Immutable.</summary>
internal sealed class Scope
{
    private readonly Dictionary<string, Symbol> _symbols;

    private Scope(Scope? parent, Dictionary<string, Symbol> symbols)
    {
        Parent = parent;
        _symbols = symbols;
    }

    public static Scope Empty { get; } = new(null, []);

    public Scope? Parent { get; }

    public Scope With(params Symbol[] symbols) => new(this, symbols.ToDictionary(s => s.Name, StringComparer.Ordinal));

    public Scope With(IEnumerable<Symbol> symbols) => With([.. symbols]);

    public Symbol? Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._symbols.TryGetValue(name, out var symbol))
            {
                return symbol;
            }
        }

        return null;
    }

    public IEnumerable<string> Names()
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            foreach (var name in scope._symbols.Keys)
            {
                yield return name;
            }
        }
    }
}
