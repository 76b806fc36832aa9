using System.Collections.Immutable;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Binding;

/// <summary>
/// Binds the names of skip connections (<c>save x</c>, <c>concat x</c>, <c>add x</c>) in the model
/// section. The rule is lexical, like a local variable's: a name saved in a block (the model, a
/// loop body, an <c>if</c> branch, a <c>match</c> arm, a residual body) can be read after its
/// <c>save</c> in that block and in the blocks nested in it, and nowhere else. So every read is
/// preceded by its save on every path the model takes, at every point of the space, and a loop
/// body that saves a name saves it afresh each iteration. A name is saved once where it can be
/// read: saving it again there (HYP1016) would make one name mean two tensors.
/// </summary>
internal sealed class SkipNameBinder(List<Diagnostic> diagnostics, Suggestions suggestions)
{
    // The saves visible here, innermost block last.
    private readonly List<Dictionary<string, SkipSyntax>> _blocks = [];
    private ILookup<string, SkipSyntax> _savesByName = Array.Empty<SkipSyntax>().ToLookup(s => s.Name.Name, StringComparer.Ordinal);

    /// <summary>Checks every skip statement of the model's body.</summary>
    public void Bind(ImmutableArray<StatementSyntax> body)
    {
        var skips = SyntaxWalker.Statements(body).OfType<SkipSyntax>().ToList();
        if (skips.Count == 0)
        {
            return;
        }

        _savesByName = skips.Where(s => s.Kind == SkipKind.Save).ToLookup(s => s.Name.Name, StringComparer.Ordinal);

        Block(body);
    }

    private void Block(ImmutableArray<StatementSyntax> statements)
    {
        _blocks.Add(new Dictionary<string, SkipSyntax>(StringComparer.Ordinal));
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case SkipSyntax skip:
                    Skip(skip);
                    break;
                case ForSyntax loop:
                    Block(loop.Body);
                    break;
                case IfStatementSyntax conditional:
                    Block(conditional.Then);
                    Block(conditional.Else);
                    break;
                case MatchStatementSyntax match:
                    foreach (var arm in match.Arms)
                    {
                        Block(arm.Body);
                    }

                    break;
                case ResidualSyntax residual:
                    Block(residual.Body);
                    break;
            }
        }

        _blocks.RemoveAt(_blocks.Count - 1);
    }

    private SkipSyntax? Visible(string name) =>
        _blocks.Select(b => b.GetValueOrDefault(name)).LastOrDefault(s => s is not null);

    private void Skip(SkipSyntax skip)
    {
        var name = skip.Name.Name;
        if (name.Length == 0)
        {
            return; // A syntax error, reported by the parser.
        }

        if (skip.Kind == SkipKind.Save)
        {
            if (Visible(name) is { } earlier)
            {
                diagnostics.Add(DuplicateSkipName(skip.Name.Span, name, earlier.Span.Start.Line));
                return;
            }

            _blocks[^1][name] = skip;
            return;
        }

        if (Visible(name) is not null)
        {
            return;
        }

        var verb = skip.Kind == SkipKind.Concat ? "concat" : "add";
        // The saves of the name in the order written: the first tells whether any comes before this line.
        var first = _savesByName[name].FirstOrDefault();
        string help;
        if (first is not null && first.Span.Range.Start > skip.Span.Range.Start)
        {
            help = SkipSavedLater(name, first.Span.Start.Line);
        }
        else if (first is not null)
        {
            help = SkipSavedInsideAnotherBlock(name, first.Span.Start.Line);
        }
        else
        {
            // Deferred: a file of thousands of unknown names must not list the saved ones for each (suggestions stop when their budget is spent).
            var names = _blocks.SelectMany(b => b.Keys);
            var few = names.Take(11).ToList();
            help = suggestions.Help(name, names) ?? SkipNotSaved(name, verb, few);
        }

        diagnostics.Add(UnknownSkipName(skip.Name.Span, verb, name, help));
    }
}
