using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Parsing;

/// <summary>
/// Collects syntax diagnostics for one parse. Past <see cref="Limit"/> errors the parse is
/// abandoned: a file that broken (binary data, say) gains nothing from more messages.
/// </summary>
internal sealed class DiagnosticCollector
{
    public const int Limit = 100;

    private readonly SourceFile _file;

    public DiagnosticCollector(SourceFile file, IEnumerable<Diagnostic> initial)
    {
        _file = file;
        Items.AddRange(initial);
    }

    public List<Diagnostic> Items { get; } = [];

    public void Add(Diagnostic diagnostic)
    {
        if (Items.Count >= Limit)
        {
            Items.Add(SyntaxDiagnostics.TooManyErrors(diagnostic.Span with { Range = new TextSpan(diagnostic.Span.Range.Start, 0) }, Limit));
            throw new ParseAbandonedException();
        }

        Items.Add(diagnostic);
    }

    public SourceSpan SpanAt(int start, int length)
    {
        start = Math.Clamp(start, 0, _file.Text.Length);
        return new SourceSpan(_file, new TextSpan(start, Math.Clamp(length, 0, _file.Text.Length - start)));
    }
}
