using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Fuzz.Tests;

public class DiagnosticOracleTests
{
    private static readonly DiagnosticDescriptor Descriptor = new("HYP0001", DiagnosticSeverity.Error, "Test");

    [Fact]
    public void A_short_one_line_diagnostic_passes()
    {
        DiagnosticOracle.Check(Diagnostic("Unknown name 'x'."));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r")]
    [InlineData("\u2028")]
    [InlineData("\u2029")]
    [InlineData("\u0085")]
    [InlineData("\0")]
    [InlineData("\u001b[31m")]
    public void A_line_terminator_or_control_character_in_a_message_is_a_finding(string character)
    {
        var finding = Assert.Throws<FuzzFindingException>(() => DiagnosticOracle.Check(Diagnostic($"Unknown name 'a{character}b'.")));
        Assert.Contains("control character", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_quoting_too_much_is_a_finding()
    {
        var finding = Assert.Throws<FuzzFindingException>(() => DiagnosticOracle.Check(Diagnostic("Found '" + new string('x', 2_000) + "'.")));
        Assert.Contains("too much", finding.Message, StringComparison.Ordinal);
    }

    private static Diagnostic Diagnostic(string message)
    {
        var file = new SourceFile("test.hyp", "experiment e { }\n");
        return new Diagnostic(Descriptor, new SourceSpan(file, new TextSpan(0, 10)), message);
    }
}
