using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Tests.Text;

public class SourceFileTests
{
    [Theory]
    [InlineData("ab\ncd", 3, 2, 1)]
    [InlineData("ab\r\ncd", 4, 2, 1)]
    [InlineData("ab\rcd", 3, 2, 1)]
    [InlineData("ab\ncd", 1, 1, 2)]
    [InlineData("ab\ncd", 5, 2, 3)]
    [InlineData("", 0, 1, 1)]
    [InlineData("a\n", 2, 2, 1)]
    public void Offsets_map_to_one_based_lines_and_columns(string text, int offset, int line, int column)
    {
        Assert.Equal(new LinePosition(line, column), new SourceFile("f.hyp", text).GetPosition(offset));
    }

    [Fact]
    public void Offsets_outside_the_text_are_clamped()
    {
        var file = new SourceFile("f.hyp", "ab\ncd");

        Assert.Equal(new LinePosition(1, 1), file.GetPosition(-5));
        Assert.Equal(new LinePosition(2, 3), file.GetPosition(99));
    }

    [Fact]
    public void Line_text_excludes_the_line_break()
    {
        var file = new SourceFile("f.hyp", "first\r\nsecond\n\nlast");

        Assert.Equal(4, file.LineCount);
        Assert.Equal("first", file.GetLineText(1));
        Assert.Equal("second", file.GetLineText(2));
        Assert.Equal("", file.GetLineText(3));
        Assert.Equal("last", file.GetLineText(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => file.GetLineText(5));
    }

    [Fact]
    public void A_span_knows_its_text_and_both_ends()
    {
        var file = new SourceFile("f.hyp", "lr ~ loguniform(1e-4, 1e-1)\n");
        var span = new SourceSpan(file, new TextSpan(5, 10));

        Assert.Equal("loguniform", span.Text);
        Assert.Equal(new LinePosition(1, 6), span.Start);
        Assert.Equal(new LinePosition(1, 16), span.End);
        Assert.Equal("f.hyp(1,6)", span.ToString());
    }

    [Fact]
    public void Cover_spans_both_ranges()
    {
        Assert.Equal(new TextSpan(2, 8), new TextSpan(2, 3).Cover(new TextSpan(7, 3)));
        Assert.Equal(new TextSpan(2, 8), new TextSpan(7, 3).Cover(new TextSpan(2, 3)));
    }
}
