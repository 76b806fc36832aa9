using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Lowering;

namespace HyperDsl.Compiler.Checking;

/// <summary>
/// Which loops have iterations that can only differ by the shape they start from: the body
/// never reads the loop variable and holds nothing that changes the walk's state (a backbone,
/// <c>freeze</c>, <c>replace</c>), itself or in the blocks it uses. For such a loop, an
/// iteration that keeps the shape is repeated exactly by every iteration after it. It reads the
/// lowered model the shape walker walks.
/// </summary>
internal sealed class LoopAnalysis
{
    private readonly IReadOnlyDictionary<BlockSymbol, LoweredBlock> _blocks;
    private readonly Dictionary<LoweredFor, bool> _loops = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<BlockSymbol, bool> _statefulBlocks = [];

    /// <param name="blocks">The lowered blocks the model may use, by their symbol.</param>
    public LoopAnalysis(IReadOnlyDictionary<BlockSymbol, LoweredBlock> blocks)
    {
        _blocks = blocks;
    }

    public bool IterationsRepeat(LoweredFor loop)
    {
        if (!_loops.TryGetValue(loop, out var repeat))
        {
            repeat = !(loop.Symbol is { } variable && Expressions(loop.Body).Any(e => e is LoweredLoopVariable used && ReferenceEquals(used.Variable, variable)))
                && !Stateful(loop.Body);
            _loops[loop] = repeat;
        }

        return repeat;
    }

    // Every expression of the statements, nested ones included, each once (a body's expressions
    // are reached through its statements, not again at every enclosing level).
    private static IEnumerable<LoweredExpression> Expressions(IEnumerable<LoweredStatement> statements) =>
        LoweredWalker.Statements(statements).SelectMany(statement => statement switch
        {
            LoweredLayer layer => layer.Arguments.Select(a => a.Value),
            LoweredBlockUse use => use.Arguments.Select(a => a.Value),
            LoweredFor loop => [loop.Range],
            LoweredIfStatement conditional => [conditional.Condition],
            LoweredMatchStatement match => [match.Subject, .. match.Arms.SelectMany(a => a.Patterns.OfType<LoweredExpression>())],
            LoweredResidual residual => residual.Arguments.Select(a => a.Value),
            LoweredReplace { Replacement: LoweredLayer head } => head.Arguments.Select(a => a.Value),
            LoweredReplace { Replacement: LoweredBlockUse head } => head.Arguments.Select(a => a.Value),
            _ => [],
        }).SelectMany(LoweredWalker.Expressions);

    // Blocks are visited once each, however often and however deep they are used.
    private bool Stateful(IEnumerable<LoweredStatement> body)
    {
        var pending = new Stack<IEnumerable<LoweredStatement>>();
        var visited = new HashSet<BlockSymbol>();
        pending.Push(body);
        while (pending.Count > 0)
        {
            foreach (var statement in LoweredWalker.Statements(pending.Pop()))
            {
                switch (statement)
                {
                    case LoweredFreeze or LoweredReplace:
                        return true;
                    case LoweredLayer { Entry.Kind: EntryKind.Backbone }:
                        return true;
                    case LoweredBlockUse { Block: var block }:
                        if (_statefulBlocks.TryGetValue(block, out var known))
                        {
                            if (known)
                            {
                                return true;
                            }
                        }
                        else if (visited.Add(block))
                        {
                            pending.Push(_blocks[block].Body);
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
