namespace HyperDsl.Cli.Tests;

public class StudyFormatTests
{
    [Fact]
    public void A_stored_text_value_with_a_terminal_escape_sequence_is_shown_escaped()
    {
        var shown = StudyFormat.Parameter("\u001b[2Jwiped\u2028line");

        Assert.DoesNotContain('\u001b', shown);
        Assert.DoesNotContain('\u2028', shown);
        Assert.Contains("wiped", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_stored_text_value_is_shown_as_an_excerpt()
    {
        Assert.True(StudyFormat.Parameter(new string('x', 10_000)).Length < 100);
    }

    [Fact]
    public void Numbers_and_plain_names_are_shown_as_they_are()
    {
        Assert.Equal("0.001", StudyFormat.Parameter(0.001));
        Assert.Equal("16", StudyFormat.Parameter(16L));
        Assert.Equal("sgd", StudyFormat.Parameter("sgd"));
        Assert.Equal("lr=0.001 opt=sgd", StudyFormat.Points(new Dictionary<string, object> { ["lr"] = 0.001, ["opt"] = "sgd" }));
    }

    [Fact]
    public void A_parameter_name_from_another_tools_database_is_shown_escaped()
    {
        Assert.DoesNotContain('\u001b', StudyFormat.Name("lr\u001b[31m"));
    }
}
