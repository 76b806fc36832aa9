using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Fuzz.Tests;

public class DiagnosticOracleTests
{
    private static readonly DiagnosticDescriptor Descriptor = new("HYP0001", DiagnosticSeverity.Error, "Test");

    [Fact]
    public void A_short_one_line_diagnostic_passes()
    {
        var file = new SourceFile("test.hyp", "experiment e { }\n");
        DiagnosticOracle.Check(new Diagnostic(Descriptor, new SourceSpan(file, new TextSpan(0, 10)), "Unknown name 'x'."));
    }

    [Fact]
    public void A_diagnostic_built_from_hostile_spec_text_passes_because_diagnostics_escape_it()
    {
        var file = new SourceFile("te\u2028st.hyp", "experiment \u2028e\u001b[31m { }\n");
        DiagnosticOracle.Check(new Diagnostic(Descriptor, new SourceSpan(file, new TextSpan(0, 14)), "Unknown name 'a\u2028b\u001b[31m" + new string('x', 5_000) + "'."));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r")]
    [InlineData("\u2028")]
    [InlineData("\u2029")]
    [InlineData("\u0085")]
    [InlineData("\0")]
    [InlineData("\u001b[31m")]
    public void A_printed_line_terminator_or_control_character_is_a_finding(string character)
    {
        var finding = Assert.Throws<FuzzFindingException>(() => DiagnosticOracle.CheckPrinted("HYP0001", $"test.hyp(1,1): error HYP0001: Unknown name 'a{character}b'.", []));
        Assert.Contains("control character", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_annotated_line_with_a_control_character_is_a_finding()
    {
        Assert.Throws<FuzzFindingException>(() => DiagnosticOracle.CheckPrinted("HYP0001", "test.hyp(1,1): error HYP0001: Unknown name.", ["  1 | experiment \u001b[2J"]));
    }

    [Fact]
    public void A_line_quoting_too_much_is_a_finding()
    {
        var finding = Assert.Throws<FuzzFindingException>(() => DiagnosticOracle.CheckPrinted("HYP0001", "test.hyp(1,1): error HYP0001: Found '" + new string('x', 2_000) + "'.", []));
        Assert.Contains("too much", finding.Message, StringComparison.Ordinal);
    }
}
