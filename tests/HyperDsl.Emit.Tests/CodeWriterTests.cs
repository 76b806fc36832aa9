using HyperDsl.Compiler.Emit;

namespace HyperDsl.Emit.Tests;

/// <summary>The emitter's only way to write: code lines cannot break or be comments, comment values are always escaped.</summary>
public class CodeWriterTests
{
    [Theory]
    [InlineData("var x = 1;\nvar y = 2;")]
    [InlineData("var x = 1;\u2028var y = 2;")]
    [InlineData("var x = 1;\u0085")]
    [InlineData("var x = \"\u202e\";")]
    public void A_code_line_with_a_line_end_or_hidden_character_is_refused(string code)
    {
        var writer = new CodeWriter();

        Assert.Throws<InvalidOperationException>(() => writer.Line(code));
        Assert.Equal("", writer.ToString());
    }

    [Theory]
    [InlineData("// a comment")]
    [InlineData("   /* a comment */")]
    [InlineData("#line 1 \"x\"")]
    [InlineData("#pragma warning disable")]
    public void A_code_line_may_not_be_a_comment_or_a_directive(string code)
    {
        Assert.Throws<InvalidOperationException>(() => new CodeWriter().Line(code));
    }

    [Fact]
    public void Values_in_comments_are_escaped_and_the_generators_text_is_kept()
    {
        var writer = new CodeWriter();
        var spec = "a < b\u2028public class Pwn { }";

        writer.Comment($"from {spec}");
        writer.Doc($"<summary><c>{spec}</c> {42}</summary>");

        Assert.Equal("// from a < b\\u2028public class Pwn { }\n/// <summary><c>a &lt; b\\u2028public class Pwn { }</c> 42</summary>\n", writer.ToString());
    }

    [Fact]
    public void Line_directives_are_written_with_a_safe_file_name_and_code_is_indented()
    {
        var writer = new CodeWriter();

        writer.Line("class C");
        writer.Open();
        writer.LineDirective(7, "specs/a\u2029\"b\".hyp");
        writer.Line("int X;");
        writer.LineDefault();
        writer.Close();

        Assert.Equal("class C\n{\n#line 7 \"specs/a?'b'.hyp\"\n    int X;\n    #line default\n}\n", writer.ToString());
    }
}
