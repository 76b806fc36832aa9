using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Checking;

/// <summary>
/// Which loops have iterations that can only differ by the shape they start from: the body
/// never reads the loop variable and holds nothing that changes the walk's state (a backbone,
/// <c>freeze</c>, <c>replace</c>), itself or in the blocks it uses. For such a loop, an
/// iteration that keeps the shape is repeated exactly by every iteration after it.
/// </summary>
internal sealed class LoopAnalysis
{
    private readonly SemanticModel _model;
    private readonly Dictionary<ForSyntax, bool> _loops = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<BlockSymbol, bool> _statefulBlocks = [];

    public LoopAnalysis(SemanticModel model)
    {
        _model = model;
    }

    public bool IterationsRepeat(ForSyntax loop)
    {
        if (!_loops.TryGetValue(loop, out var repeat))
        {
            var variable = _model.GetResolution(loop);
            repeat = !SyntaxWalker.Expressions(loop.Body).Any(e => e is NameSyntax name && variable is not null && ReferenceEquals(_model.GetResolution(name), variable))
                && !Stateful(loop.Body);
            _loops[loop] = repeat;
        }

        return repeat;
    }

    // Blocks are visited once each, however often and however deep they are used.
    private bool Stateful(IEnumerable<StatementSyntax> body)
    {
        var pending = new Stack<IEnumerable<StatementSyntax>>();
        var visited = new HashSet<BlockSymbol>();
        pending.Push(body);
        while (pending.Count > 0)
        {
            foreach (var statement in SyntaxWalker.Statements(pending.Pop()))
            {
                switch (statement)
                {
                    case FreezeSyntax or ReplaceSyntax:
                        return true;
                    case LayerSyntax layer when _model.GetResolution(layer) is CatalogEntry { Kind: EntryKind.Backbone }:
                        return true;
                    case LayerSyntax layer when _model.GetResolution(layer) is BlockSymbol block:
                        if (_statefulBlocks.TryGetValue(block, out var known))
                        {
                            if (known)
                            {
                                return true;
                            }
                        }
                        else if (visited.Add(block))
                        {
                            pending.Push(block.Syntax.Body);
                        }

                        break;
                }
            }
        }

        foreach (var block in visited)
        {
            _statefulBlocks[block] = false;
        }

        return false;
    }
}
