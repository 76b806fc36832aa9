using System.Text.RegularExpressions;
using HyperDsl.TestKit;

namespace HyperDsl.Syntax.Tests.Robustness;

/// <summary>
/// Thousands of random, reproducible mutations of the examples: whatever the input, parsing
/// returns a tree, never throws, and every span stays inside the file.
/// </summary>
public partial class MutationFuzzTests
{
    private const int MutationsPerExample = 600;

    public static TheoryData<string> Examples() => new(RepositoryPaths.ExampleSpecs.Select(path => Path.GetRelativePath(RepositoryPaths.Examples, path)));

    [Theory]
    [MemberData(nameof(Examples))]
    public void Token_mutations_of_an_example_never_crash_the_parser(string example)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Examples, example));
        var tokens = TokenPattern().Matches(text).Select(m => m.Value).ToList();
        var random = new Random(example.GetHashCode(StringComparison.Ordinal) & 0x7FFF);

        for (var i = 0; i < MutationsPerExample; i++)
        {
            var (kind, mutated) = Mutate(tokens, random);
            ParseAndCheck(mutated, $"{example} mutation {i} ({kind})");
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Byte_mutations_and_truncations_of_an_example_never_crash_the_parser(string example)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepositoryPaths.Examples, example));
        var random = new Random(example.Length);

        for (var i = 0; i < MutationsPerExample / 2; i++)
        {
            var mutated = bytes.ToArray();
            var flips = random.Next(1, 8);
            for (var f = 0; f < flips; f++)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            ParseBytesAndCheck(mutated, $"{example} byte mutation {i}");
            ParseBytesAndCheck(bytes[..random.Next(bytes.Length)], $"{example} truncation {i}");
        }
    }

    [Fact]
    public void Random_binary_input_never_crashes_the_parser()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 4096)];
            random.NextBytes(bytes);
            ParseBytesAndCheck(bytes, $"random bytes {i}");
        }
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("[", "]")]
    [InlineData("experiment e { model { residual { ", "} } }")]
    [InlineData("experiment e { model { if a { ", "} } }")]
    [InlineData("- ", "1")]
    [InlineData("not ", "x")]
    [InlineData("2 ^ ", "2")]
    [InlineData("if a { 1 } else ", "{ 2 }")]
    public void Deep_nesting_is_reported_not_a_stack_overflow(string open, string close)
    {
        foreach (var depth in new[] { 50, 5_000, 100_000 })
        {
            var inner = open.StartsWith("experiment", StringComparison.Ordinal) ? "relu" : "1";
            var body = string.Concat(Enumerable.Repeat(open, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth));
            var text = open.StartsWith("experiment", StringComparison.Ordinal) ? body : $"experiment e {{ params {{ x = {body} }} }}";

            var tree = ParseAndCheck(text, $"{open} x {depth}");

            if (depth >= 5_000)
            {
                // Brackets and statement blocks are counted before parsing (HYP0014); operators in a row, as expression levels (HYP0018).
                Assert.Contains(tree.Diagnostics, d => d.Code is "HYP0014" or "HYP0018");
            }
        }
    }

    [Fact]
    public void Moderate_nesting_parses_cleanly()
    {
        var text = "experiment e { params { x = " + new string('(', 60) + "1" + new string(')', 60) + " } }";

        Assert.Empty(SyntaxTree.Parse(text).Diagnostics);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("1")]
    [InlineData("\"")]
    [InlineData("+")]
    [InlineData(" ")]
    [InlineData("{")]
    [InlineData("/*")]
    public void A_one_megabyte_line_is_handled(string unit)
    {
        var text = "experiment e { params { x = " + string.Concat(Enumerable.Repeat(unit, 1 << 20 / unit.Length)) + " } }";

        ParseAndCheck(text, $"1 MB of '{unit}'");
    }

    [Fact]
    public void Invalid_utf8_is_reported_at_the_first_bad_byte()
    {
        var bytes = "experiment e {\n  tune { trials 1 }\n}\n// caf"u8.ToArray().Concat(new byte[] { 0xC3, 0x28, 0xFF }).ToArray();

        var tree = SyntaxTree.Parse(bytes, "bad.hyp");

        var diagnostic = Assert.Single(tree.Diagnostics);
        Assert.Equal("HYP0006", diagnostic.Code);
        Assert.Contains("byte 43 (line 4, column 7)", diagnostic.Message, StringComparison.Ordinal);
    }

    private static SyntaxTree ParseAndCheck(string text, string context)
    {
        SyntaxTree tree;
        try
        {
            tree = SyntaxTree.Parse(text, "fuzz.hyp");
        }
        catch (Exception error)
        {
            throw new Xunit.Sdk.XunitException($"{context}: the parser threw {error.GetType().Name}: {error.Message}\nInput:\n{Preview(text)}");
        }

        SyntaxTreeInvariants.AssertHold(tree, context);
        return tree;
    }

    private static void ParseBytesAndCheck(byte[] bytes, string context)
    {
        SyntaxTree tree;
        try
        {
            tree = SyntaxTree.Parse(bytes, "fuzz.hyp");
        }
        catch (Exception error)
        {
            throw new Xunit.Sdk.XunitException($"{context}: the parser threw {error.GetType().Name}: {error.Message}\nInput (base64): {Convert.ToBase64String(bytes)}");
        }

        SyntaxTreeInvariants.AssertHold(tree, context);
    }

    private static (string Kind, string Text) Mutate(List<string> tokens, Random random)
    {
        var copy = new List<string>(tokens);
        var kind = random.Next(6);
        var count = random.Next(1, 4);
        for (var n = 0; n < count && copy.Count > 1; n++)
        {
            var at = random.Next(copy.Count);
            switch (kind)
            {
                case 0:
                    copy.RemoveAt(at);
                    break;
                case 1:
                    copy.Insert(at, copy[random.Next(copy.Count)]);
                    break;
                case 2:
                    var other = random.Next(copy.Count);
                    (copy[at], copy[other]) = (copy[other], copy[at]);
                    break;
                case 3:
                    copy.RemoveRange(at, copy.Count - at);
                    break;
                case 4:
                    copy.Insert(at, ((char)random.Next(0, 0x250)).ToString());
                    break;
                default:
                    copy[at] = Interesting[random.Next(Interesting.Length)];
                    break;
            }
        }

        return (KindNames[kind], string.Concat(copy));
    }

    private static readonly string[] KindNames = ["delete", "duplicate", "swap", "truncate", "random character", "replace"];

    private static readonly string[] Interesting =
        ["{", "}", "(", ")", "[", "]", "\n", ";", ",", "~", "=", "=>", "..<", "..", ".", "\"", "/*", "*/", "//", "when", "then", "else",
         "if", "match", "for", "in", "_", "|", "%", "epochs", "step", "1e999", "99999999999999999999", "\\", "\"\\u{110000}\"", "model", "params"];

    private static string Preview(string text) => text.Length <= 2000 ? text : text[..2000] + "...";

    [GeneratedRegex(@"\s+|[A-Za-z_][A-Za-z0-9_]*|[0-9][0-9._eE+-]*[kMGsmhd]?|""(?:\\.|[^""\\\n])*""|//[^\n]*|/\*.*?\*/|\.\.<|\.\.|=>|==|!=|<=|>=|.", RegexOptions.Singleline)]
    private static partial Regex TokenPattern();
}
