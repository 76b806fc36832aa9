using HyperDsl.Compiler.Emit;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HyperDsl.Emit.Tests;

/// <summary>Spec text in comments, <c>#line</c> file names and literals stays on its line whatever it holds.</summary>
public class GeneratedTextTests
{
    // Every character C# ends a line at, the ones that hide text (bidirectional overrides, zero
    // width, tag characters) and the ones that are not characters at all (a lone surrogate).
    // Spelled as UTF-16 code units: xUnit names a case by its arguments, and two lone surrogates
    // written out as text name the same case (one of them never ran).
    public static TheoryData<string> Unsafe() => new(
        "000D", "000A", "000D 000A", "0085", "2028", "2029", "0009", "0000", "001B", "202E", "2066", "200B", "FEFF", "D800", "DC00", "DB40 DC01", "E000");

    private static string Text(string codeUnits) =>
        new([.. codeUnits.Split(' ').Select(unit => (char)Convert.ToInt32(unit, 16))]);

    private const string Payload = "public static class Pwn { }";

    private static string CodeAfter(string text)
    {
        var root = CSharpSyntaxTree.ParseText(text + "\nnamespace N;\n").GetRoot();
        return string.Join(" ", root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>().Select(t => t.Identifier.Text));
    }

    [Theory]
    [MemberData(nameof(Unsafe))]
    public void A_comment_keeps_spec_text_on_its_line(string codeUnits)
    {
        var character = Text(codeUnits);
        var comment = "// " + GeneratedText.Comment($"x{character}{Payload}{character}//");

        Assert.True(GeneratedText.IsSafe(comment));
        Assert.Equal("", CodeAfter(comment));
        Assert.Contains(Payload, comment, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Unsafe))]
    public void A_doc_comment_keeps_spec_text_on_its_line_and_escapes_xml(string codeUnits)
    {
        var character = Text(codeUnits);
        var comment = "/// <c>" + GeneratedText.XmlComment($"a < b & c{character}{Payload}{character}</c>") + "</c>";

        Assert.True(GeneratedText.IsSafe(comment));
        Assert.Equal("", CodeAfter(comment));
        Assert.Contains("a &lt; b &amp; c", comment, StringComparison.Ordinal);
        Assert.DoesNotContain("</c></c>", comment, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Unsafe))]
    public void A_line_directive_keeps_a_file_name_on_its_line(string codeUnits)
    {
        var character = Text(codeUnits);
        var directive = $"#line 3 {GeneratedText.LinePath($"specs/a\"{character}{Payload}{character}b.hyp")}";

        Assert.True(GeneratedText.IsSafe(directive));
        Assert.Equal("", CodeAfter(directive));
        Assert.Empty(CSharpSyntaxTree.ParseText(directive + "\nnamespace N;\n").GetDiagnostics());
    }

    [Theory]
    [MemberData(nameof(Unsafe))]
    public void A_literal_holds_the_exact_value_on_one_safe_line(string codeUnits)
    {
        var character = Text(codeUnits);
        var value = $"data/{character}\"; {Payload} //";

        var literal = GeneratedText.Literal(value);

        Assert.True(GeneratedText.IsSafe(literal));
        var parsed = (LiteralExpressionSyntax)SyntaxFactory.ParseExpression(literal);
        Assert.Equal(value, parsed.Token.ValueText);
    }

    [Fact]
    public void Safe_text_is_left_as_it_is()
    {
        const string Text = "examples/fashion-mnist-cnn.hyp: lr = 1e-3 * 2 \\ caf\u00e9 \U0001F600";

        Assert.Equal(Text, GeneratedText.Comment(Text));
        Assert.Equal("\"" + Text + "\"", GeneratedText.LinePath(Text));
    }

    [Fact]
    public void An_unsafe_character_shows_as_its_escape()
    {
        Assert.Equal("a\\u2028b\\U000E0001c\\uD800", GeneratedText.Comment("a\u2028b\U000E0001c\ud800"));
    }
}
