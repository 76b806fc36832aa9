namespace HyperDsl.Syntax.Text;

/// <summary>A span in a particular file: what every AST node and diagnostic points at.</summary>
public readonly record struct SourceSpan(SourceFile File, TextSpan Range)
{
    /// <summary>Where the span starts, as line and column.</summary>
    public LinePosition Start => File.GetPosition(Range.Start);

    /// <summary>Where the span ends (exclusive), as line and column.</summary>
    public LinePosition End => File.GetPosition(Range.End);

    /// <summary>The number of characters covered.</summary>
    public int Length => Range.Length;

    /// <summary>The source text the span covers.</summary>
    public string Text => File.Text.Substring(Range.Start, Range.Length);

    /// <summary>The smallest span in the same file that covers both spans.</summary>
    public SourceSpan Cover(SourceSpan other) => this with { Range = Range.Cover(other.Range) };

    /// <inheritdoc />
    public override string ToString() => $"{File.Path}({Start.Line},{Start.Column})";
}
