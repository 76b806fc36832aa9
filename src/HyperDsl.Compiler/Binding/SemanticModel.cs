using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Binding;

/// <summary>
/// What the binder learned about one experiment's syntax: what every name and call refers to
/// and the type of every expression. Keyed by node identity. Built once by
/// <see cref="ExperimentBinder"/>; read by the checkers, the evaluator and (later) the emitter.
/// </summary>
public sealed class SemanticModel
{
    private readonly Dictionary<SyntaxNode, object> _resolutions = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<SyntaxNode, HypType> _types = new(ReferenceEqualityComparer.Instance);

    /// <summary>What a name, call or layer refers to: a <see cref="Symbol"/>, a <see cref="CatalogEntry"/>, an <see cref="EnumValue"/> or a <see cref="KeywordValue"/>.</summary>
    public object? GetResolution(SyntaxNode node) => _resolutions.GetValueOrDefault(node);

    /// <summary>The type of an expression; <see cref="ErrorType"/> when unknown.</summary>
    public HypType GetType(SyntaxNode node) => _types.GetValueOrDefault(node) ?? ErrorType.Instance;

    internal void Resolve(SyntaxNode node, object target) => _resolutions[node] = target;

    internal void SetType(SyntaxNode node, HypType type) => _types[node] = type;
}
