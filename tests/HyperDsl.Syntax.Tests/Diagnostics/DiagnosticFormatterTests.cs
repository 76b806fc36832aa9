using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Tests.Diagnostics;

public class DiagnosticFormatterTests
{
    private static readonly DiagnosticDescriptor Descriptor = new("HYP0099", DiagnosticSeverity.Error, "Test");

    private static Diagnostic At(string text, int start, int length, string? help = null) =>
        new(Descriptor, new SourceSpan(new SourceFile("specs/a.hyp", text), new TextSpan(start, length)), "Something is wrong.", help);

    [Fact]
    public void Canonical_form_is_what_msbuild_parses()
    {
        Assert.Equal("specs/a.hyp(2,3): error HYP0099: Something is wrong.", DiagnosticFormatter.ToCanonical(At("x\n  bad\n", 4, 3)));
    }

    [Fact]
    public void Canonical_form_ends_with_the_help_so_build_logs_show_what_to_do()
    {
        Assert.Equal("specs/a.hyp(1,1): error HYP0099: Something is wrong. Did you mean 'lr'?", DiagnosticFormatter.ToCanonical(At("bad", 0, 3, help: "Did you mean 'lr'?")));
    }

    [Fact]
    public void Canonical_form_ends_a_message_without_a_full_stop_before_the_help()
    {
        var diagnostic = At("bad", 0, 3, help: "Fix it.") with { Message = "Something is wrong" };

        Assert.EndsWith("error HYP0099: Something is wrong. Fix it.", DiagnosticFormatter.ToCanonical(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void Annotated_form_shows_the_help_once_on_its_own_line()
    {
        var text = DiagnosticFormatter.ToAnnotated(At("bad\n", 0, 3, help: "Fix it."));

        Assert.Equal(1, text.Split("Fix it.").Length - 1);
        Assert.StartsWith("specs/a.hyp(1,1): error HYP0099: Something is wrong.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_whole_file_problem_has_no_position()
    {
        Assert.Equal("specs/a.hyp: error HYP0000: cannot read the spec: gone.", HostDiagnostics.SpecUnreadable("specs/a.hyp", "gone"));
    }

    [Theory]
    [InlineData(DiagnosticSeverity.Warning, "warning")]
    [InlineData(DiagnosticSeverity.Info, "info")]
    public void Canonical_form_names_the_severity(DiagnosticSeverity severity, string word)
    {
        var diagnostic = At("bad", 0, 3) with { Descriptor = Descriptor with { Severity = severity } };

        Assert.Contains($": {word} HYP0099:", DiagnosticFormatter.ToCanonical(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void Annotated_form_underlines_the_span_and_shows_help()
    {
        var text = DiagnosticFormatter.ToAnnotated(At("x\n  bad thing\n", 4, 3, help: "Fix it."));

        Assert.Equal(
            "specs/a.hyp(2,3): error HYP0099: Something is wrong.\n" +
            "  |\n" +
            "2 |   bad thing\n" +
            "  |   ^^^\n" +
            "  = help: Fix it.\n",
            text);
    }

    [Fact]
    public void Annotated_form_keeps_tabs_so_the_caret_lines_up()
    {
        var text = DiagnosticFormatter.ToAnnotated(At("\t\tbad\n", 2, 3));

        Assert.Contains("1 | \t\tbad\n  | \t\t^^^\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Annotated_form_marks_an_empty_span_with_one_caret()
    {
        var text = DiagnosticFormatter.ToAnnotated(At("lr ~\n", 4, 0));

        Assert.Contains("1 | lr ~\n  |     ^\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Annotated_form_cuts_very_long_lines_to_a_window_around_the_span()
    {
        var line = new string('a', 5000) + "BAD" + new string('b', 5000);

        var text = DiagnosticFormatter.ToAnnotated(At(line, 5000, 3));

        var lines = text.Split('\n');
        Assert.True(lines[2].Length < 200);
        Assert.Equal(lines[2].IndexOf("BAD", StringComparison.Ordinal), lines[3].IndexOf('^', StringComparison.Ordinal));
    }

    [Fact]
    public void Annotated_form_replaces_control_characters()
    {
        var text = DiagnosticFormatter.ToAnnotated(At("a\u0001\u001bb", 1, 1));

        Assert.DoesNotContain('\u001b', text);
    }

    [Fact]
    public void Annotated_form_shows_line_separators_and_bidi_controls_as_escapes_and_keeps_the_caret_in_line()
    {
        var text = DiagnosticFormatter.ToAnnotated(At("a\u2028b\u202Ec BAD\n", 6, 3));

        Assert.Contains("1 | a\\u{2028}b\\u{202E}c BAD\n  | " + new string(' ', "a\\u{2028}b\\u{202E}c ".Length) + "^^^\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Annotated_form_shows_at_most_a_short_excerpt_of_a_long_line_with_ellipses()
    {
        var line = new string('a', 5000) + "BAD" + new string('b', 5000);

        var lines = DiagnosticFormatter.ToAnnotated(At(line, 5000, 3)).Split('\n');

        Assert.True(lines[2].Length <= "1 | ".Length + DiagnosticFormatter.MaxSourceWidth + 6, lines[2]);
        Assert.StartsWith("1 | ...a", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("b...", lines[2], StringComparison.Ordinal);
        Assert.Equal(lines[2].IndexOf("BAD", StringComparison.Ordinal), lines[3].IndexOf('^', StringComparison.Ordinal));
    }

    [Fact]
    public void Annotated_form_keeps_the_whole_span_start_in_view_on_a_line_of_escapes()
    {
        var line = string.Concat(Enumerable.Repeat("\u2028", 3000)) + "BAD";

        var lines = DiagnosticFormatter.ToAnnotated(At(line, 3000, 3)).Split('\n');

        Assert.True(lines[2].Length <= "1 | ".Length + DiagnosticFormatter.MaxSourceWidth + 6, lines[2]);
        Assert.EndsWith("BAD", lines[2], StringComparison.Ordinal);
        Assert.Equal("  | " + new string(' ', lines[2].Length - 7) + "^^^", lines[3]);
    }

    [Fact]
    public void Annotated_form_underlines_no_more_than_it_shows_of_a_long_span()
    {
        var lines = DiagnosticFormatter.ToAnnotated(At(new string('x', 10_000), 0, 10_000)).Split('\n');

        Assert.Equal("1 | " + new string('x', DiagnosticFormatter.MaxSourceWidth) + "...", lines[2]);
        Assert.Equal("  | " + new string('^', DiagnosticFormatter.MaxSourceWidth), lines[3]);
    }

    [Fact]
    public void Both_forms_escape_a_path_that_holds_a_line_separator()
    {
        var diagnostic = new Diagnostic(Descriptor, new SourceSpan(new SourceFile("a\u2028b.hyp", "x"), new TextSpan(0, 1)), "Wrong.");

        Assert.StartsWith("a\\u{2028}b.hyp(1,1): error", DiagnosticFormatter.ToCanonical(diagnostic), StringComparison.Ordinal);
        Assert.DoesNotContain('\u2028', DiagnosticFormatter.ToAnnotated(diagnostic));
    }
}
