namespace HyperDsl.Cli.Tests;

public class InternalErrorReportTests
{
    [Fact]
    public void A_bug_is_reported_in_one_paragraph_without_a_stack_trace()
    {
        var (console, error) = Console();
        var code = InternalErrorReport.Write(Thrown(new InvalidOperationException("first line\nsecond line\u2028third")), console, withStackTrace: false);

        Assert.Equal(ExitCodes.InternalError, code);
        var text = error.ToString();
        Assert.Contains("hyp: internal error: InvalidOperationException: first line", text, StringComparison.Ordinal);
        Assert.DoesNotContain("second line", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.Contains("HYP_DEBUG=1", text, StringComparison.Ordinal);
        Assert.Equal(2, text.TrimEnd().Split('\n').Length);
    }

    [Fact]
    public void The_stack_trace_is_printed_when_asked_for()
    {
        var (console, error) = Console();
        InternalErrorReport.Write(Thrown(new InvalidOperationException("boom")), console, withStackTrace: true);
        Assert.Contains("   at ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_or_control_character_message_is_cut_and_escaped()
    {
        var (console, error) = Console();
        InternalErrorReport.Write(new InvalidOperationException("\u001b[31m" + new string('x', 5_000)), console, withStackTrace: false);
        var first = error.ToString().Split('\n')[0];
        Assert.DoesNotContain('\u001b', first);
        Assert.True(first.Length < 400, $"the first line has {first.Length} characters");
    }

    private static (CliConsole Console, StringWriter Error) Console()
    {
        var error = new StringWriter();
        return (new CliConsole(new StringWriter(), error, IsTerminal: false), error);
    }

    private static Exception Thrown(Exception error)
    {
        try
        {
            throw error;
        }
        catch (Exception caught)
        {
            return caught;
        }
    }
}
