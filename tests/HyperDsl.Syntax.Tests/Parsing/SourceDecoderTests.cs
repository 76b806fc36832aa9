using System.Text;
using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Syntax.Tests.Parsing;

/// <summary>How a file's bytes become spec text, or are refused (through <see cref="SyntaxTree.Parse(ReadOnlySpan{byte}, string)"/>).</summary>
public class SourceDecoderTests
{
    private const string Secret = "hunter2-very-secret";

    private static string Printed(SyntaxTree tree) =>
        string.Concat(tree.Diagnostics.Select(d => DiagnosticFormatter.ToAnnotated(d)));

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        var tree = SyntaxTree.Parse([0xEF, 0xBB, 0xBF, .. "experiment e {}\n"u8], "a.hyp");

        Assert.Empty(tree.Diagnostics);
        Assert.Equal("experiment e {}\n", tree.File.Text);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_refused_with_one_diagnostic_and_nothing_of_it_is_kept()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes($"block {Secret} {{ flatten }}\n// caf"), 0xE9, .. Encoding.UTF8.GetBytes($"\n{Secret} ~ ~\n")];

        var tree = SyntaxTree.Parse(bytes, "a.hyp");

        var diagnostic = Assert.Single(tree.Diagnostics);
        Assert.Equal("HYP0006", diagnostic.Code);
        Assert.Contains($"byte {Secret.Length + 25} (line 2, column 7)", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("", tree.File.Text);
        Assert.Empty(tree.Root.Members);
        Assert.DoesNotContain(Secret, Printed(tree), StringComparison.Ordinal);
    }

    [Fact]
    public void The_byte_offset_of_a_bad_byte_counts_the_byte_order_mark()
    {
        var tree = SyntaxTree.Parse([0xEF, 0xBB, 0xBF, (byte)'a', 0xFF], "a.hyp");

        Assert.Contains("byte 4 (line 1, column 2)", Assert.Single(tree.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_holds_a_nul_is_refused_as_binary_and_nothing_of_it_is_kept()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes($"{Secret} = 1\n\u00e9"), 0, .. Encoding.UTF8.GetBytes($"{Secret} ~ ~\n")];

        var tree = SyntaxTree.Parse(bytes, "a.hyp");

        var diagnostic = Assert.Single(tree.Diagnostics);
        Assert.Equal("HYP0008", diagnostic.Code);
        Assert.Contains($"byte {Secret.Length + 7} (line 2, column 2)", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("", tree.File.Text);
        Assert.DoesNotContain(Secret, Printed(tree), StringComparison.Ordinal);
    }

    [Fact]
    public void A_megabyte_of_zero_bytes_is_refused_at_the_first()
    {
        var tree = SyntaxTree.Parse(new byte[1 << 20], "zero.hyp");

        Assert.Contains("byte 0 (line 1, column 1)", Assert.Single(tree.Diagnostics).Message, StringComparison.Ordinal);
    }
}
