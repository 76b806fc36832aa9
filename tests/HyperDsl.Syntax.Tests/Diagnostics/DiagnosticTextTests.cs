using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Tests.Diagnostics;

public class DiagnosticTextTests
{
    [Theory]
    [InlineData("lr", "lr")]
    [InlineData("caf\u00e9 \u00d7 \U0001F600", "caf\u00e9 \u00d7 \U0001F600")]
    [InlineData("a\nb\rc\td\0e", "a\\nb\\rc\\td\\0e")]
    [InlineData("a\u001b[31mb", "a\\u{001B}[31mb")]
    [InlineData("a\u0085b\u2028c\u2029d", "a\\u{0085}b\\u{2028}c\\u{2029}d")]
    [InlineData("x\u202Ey\u2066z\u200Bw\uFEFF", "x\\u{202E}y\\u{2066}z\\u{200B}w\\u{FEFF}")]
    [InlineData("tag\U000E0041", "tag\\u{E0041}")]
    [InlineData("private\uE000use", "private\\u{E000}use")]
    [InlineData("bad\uFFFDbyte", "bad\\u{FFFD}byte")]
    public void Escape_shows_every_character_outside_printable_text_as_an_escape(string text, string shown)
    {
        Assert.Equal(shown, DiagnosticText.Escape(text));
    }

    [Fact]
    public void Escape_shows_a_lone_surrogate_as_an_escape()
    {
        Assert.Equal("lone\\u{D800}surrogate", DiagnosticText.Escape("lone\uD800surrogate"));
    }

    [Fact]
    public void Escaping_twice_changes_nothing_more()
    {
        var once = DiagnosticText.Escape("a\u2028b\u001b\0");

        Assert.Equal(once, DiagnosticText.Escape(once));
        Assert.True(DiagnosticText.IsSafe(once));
    }

    [Fact]
    public void An_excerpt_is_cut_to_the_limit_with_an_ellipsis()
    {
        var excerpt = DiagnosticText.Excerpt(new string('a', 10_000));

        Assert.Equal(new string('a', DiagnosticText.MaxExcerptLength) + "...", excerpt);
    }

    [Fact]
    public void An_excerpt_counts_escapes_in_its_length_and_never_splits_one()
    {
        var excerpt = DiagnosticText.Excerpt(string.Concat(Enumerable.Repeat("\u2028", 1000)));

        Assert.True(excerpt.Length <= DiagnosticText.MaxExcerptLength + 3);
        Assert.EndsWith("}...", excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void An_excerpt_never_splits_a_surrogate_pair()
    {
        var excerpt = DiagnosticText.Excerpt(new string('a', DiagnosticText.MaxExcerptLength - 1) + "\U0001F600");

        Assert.Equal(new string('a', DiagnosticText.MaxExcerptLength - 1) + "...", excerpt);
    }

    [Fact]
    public void Short_safe_text_is_returned_as_it_is()
    {
        Assert.Equal("'lr' is set twice.", DiagnosticText.Bound("'lr' is set twice."));
    }

    [Fact]
    public void A_diagnostic_escapes_and_bounds_its_message_and_help_whoever_built_it()
    {
        var file = new SourceFile("a.hyp", "x");
        var diagnostic = new Diagnostic(new DiagnosticDescriptor("HYP0099", DiagnosticSeverity.Error, "Test"), new SourceSpan(file, new TextSpan(0, 1)),
            "Unknown name '" + new string('a', 5000) + "\u2028'.", "Line\nbreak") with { };
        var changed = diagnostic with { Message = "x\u001by" };

        Assert.True(diagnostic.Message.Length <= DiagnosticText.MaxMessageLength + 3);
        Assert.True(DiagnosticText.IsSafe(diagnostic.Message));
        Assert.Equal("Line\\nbreak", diagnostic.Help);
        Assert.Equal("x\\u{001B}y", changed.Message);
    }
}
