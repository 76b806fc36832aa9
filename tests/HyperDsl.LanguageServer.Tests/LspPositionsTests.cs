using HyperDsl.LanguageServer.Analysis;
using HyperDsl.LanguageServer.Protocol;
using HyperDsl.Syntax.Text;

namespace HyperDsl.LanguageServer.Tests;

public sealed class LspPositionsTests
{
    // CRLF and CR line breaks, and a character outside the BMP (two UTF-16 code units, as LSP counts by default).
    private static readonly SourceFile File = new("spec.hyp", "a\r\nb😀c\rd\n");

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 0, 3)]
    [InlineData(1, 3, 6)]
    [InlineData(2, 0, 8)]
    [InlineData(3, 0, 10)]
    public void Offsets_and_positions_convert_both_ways(int line, int character, int offset)
    {
        Assert.Equal(new Position(line, character), LspPositions.ToPosition(File, offset));
        Assert.Equal(offset, LspPositions.ToOffset(File, new Position(line, character)));
    }

    [Fact]
    public void A_position_past_its_line_or_past_the_text_is_clamped()
    {
        Assert.Equal(1, LspPositions.ToOffset(File, new Position(0, 99)));
        Assert.Equal(File.Text.Length, LspPositions.ToOffset(File, new Position(99, 0)));
        Assert.Equal(0, LspPositions.ToOffset(File, new Position(-1, 5)));
    }

    [Fact]
    public void The_whole_text_ends_after_the_last_line_break()
    {
        Assert.Equal(new Protocol.Range(new Position(0, 0), new Position(3, 0)), LspPositions.Whole(File));
    }
}
