using System.Collections.Immutable;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Binding;

/// <summary>A block definition, used like a layer.</summary>
public sealed class BlockSymbol : Symbol
{
    internal BlockSymbol(BlockDeclarationSyntax syntax)
        : base(syntax.Name.Name, syntax.Name.Span)
    {
        Syntax = syntax;
        Parameters = [.. syntax.Parameters.Select((p, i) => new BlockParameterSymbol(p, i))];
    }

    /// <summary>The declaration.</summary>
    public BlockDeclarationSyntax Syntax { get; }

    /// <summary>Its parameters in order.</summary>
    public IReadOnlyList<BlockParameterSymbol> Parameters { get; }

    /// <summary>What each parameter accepts, as a catalogue entry's arguments; made once, since every use and every point asks.</summary>
    internal ImmutableArray<ArgSpec> ArgumentSpecs
    {
        get
        {
            if (_argumentSpecs.IsDefault)
            {
                _argumentSpecs = [.. Parameters.Select(p => new ArgSpec(p.Name, [ExperimentBinder.BlockParameterType(p)], [], !p.IsOptional, null, null, ""))];
            }

            return _argumentSpecs;
        }
    }

    private ImmutableArray<ArgSpec> _argumentSpecs;
}
