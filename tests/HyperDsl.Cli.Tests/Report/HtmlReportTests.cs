using HyperDsl.Cli.Report;

namespace HyperDsl.Cli.Tests.Report;

public sealed class HtmlReportTests
{
    [Fact]
    public void A_document_s_title_and_description_are_HTML_encoded()
    {
        // A study's name comes from --study, which may hold any printable text; report and serve put it in the title.
        var html = HtmlReport.Document("</title><script>alert(1)</script>", "\"><script>alert(2)</script>", []);

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;/title&gt;&lt;script&gt;alert(1)", html, StringComparison.Ordinal);
    }
}
