using System.Text;
using System.Text.RegularExpressions;

namespace HyperDsl.Fuzz;

/// <summary>
/// Makes inputs from seed specs with one to three random edits each: token swaps with ordinary
/// and hostile tokens, deep operator chains, deep nesting, repeated lines, lines spliced from
/// other seeds, hostile imports, every line terminator C# and .hyp know, byte flips and cuts.
/// The same seed always gives the same inputs, so a failure is reproduced by its seed and index.
/// </summary>
public sealed partial class SpecMutator
{
    private const int MaxEditsPerInput = 3;

    // Inputs grow only a little past the 1 MiB that hosts read, so the size limit itself is tried too.
    private const int MaxInputChars = 2 << 20;

    private static readonly string[] Tokens =
    [
        "0", "1", "-1", "2", "3", "1000", "1e9", "0.5", "1e-9", "1e308", "1e309", "-0", "NaN", "2147483647", "2147483648",
        "9223372036854775807", "99999999999999999999999", "0.0000000001", "true", "false", "\"x\"", "\"\"", "[]", "[1, 2]",
        "depth", "width", "lr", "sgd", "adam", "same", "valid", "model.params", "model.flops", "epochs", "relu", "flatten",
        "linear(10)", "conv(0)", "conv(1, kernel: 2, padding: same)", "1 epoch", "10%", "200%", "2h", "30M", "x / 0", "x[9]",
        "choice()", "choice(1)", "int(1, 2147483647)", "loguniform(0, 1)", "uniform(1, 0)", "0 ..< 2147483647", "b", "B",
        "a_b", "aB", "Tiny", "tiny", "_", "__", "@x", "class", "namespace", "static", "System", "Main", "ModuleInitializer",
        "\"\\u{0}\"", "\"\\u{2028}\"", "\"/dev/zero\"", "\"/proc/self/environ\"", "\"../../../../etc/passwd\"", "\"a\\\"b\"",
        "\"*/ class X {} /*\"", "\"\\\\\"", "if", "else", "for", "in", "match", "when", "extends", "import", "experiment", "block",
    ];

    private static readonly string[] HostileLines =
    [
        "import \"/dev/zero\"",
        "import \"/proc/self/environ\"",
        "import \"/proc/kmsg\"",
        "import \"/etc/passwd\"",
        "import \"/etc/shadow\"",
        "import \"\\u{0}\"",
        "import \"\"",
        "import \".\"",
        "import \"/\"",
        "import \"blocks/resnet-blocks.hyp\"",
        "import \"" + new string('a', 5000) + ".hyp\"",
        "k = 1 + /*\u2028public static class Pwn{[System.Runtime.CompilerServices.ModuleInitializer]internal static void I(){System.IO.File.Create(nameof(Pwn)).Dispose();}}\u2028// */ 1",
        "k = 1 // \u2028 public static class Pwn2 {}",
        "a_b ~ choice(1, 2)",
        "aB ~ choice(1, 2)",
        "depth ~ int(1, 2147483647)",
        "big ~ choice(" + string.Join(", ", Enumerable.Range(0, 20_000)) + ")",
        "momentum ~ uniform(0.8, 0.99) when depth == 2",
        "require depth * 2 < 100",
        "for i in 0 ..< 2147483647 { relu }",
        "for i in 0 ..< depth { conv(8, kernel: 3, padding: same) relu }",
        "conv(16, kernel: 4, padding: same)",
        "conv(16, kernel: 3, groups: 2)",
        "freeze all",
        "replace fc with linear(2)",
        "residual { conv(8, kernel: 3, padding: same) }",
        "block b(b: int) { linear(b) }",
        "experiment tiny extends tiny { }",
        "experiment Tiny { }",
        "source fashion_mnist(\"/nonexistent/path\")",
        "source image_folder(\"/proc\")",
        "validation 10",
        "epochs 1e9",
        "trials 2147483647",
    ];

    private static readonly string[] ChainOperators = [" + 1", " - 1", " * 1", " and true", " == 1", "[0]", ".b", " or false", " ^ 1"];
    private static readonly string[] Special = ["\u2028", "\u2029", "\u0085", "\0", "\uFEFF", "\u202E", "\r", "\r\n", "\n", "\t", "\u00A0", "\uD83D\uDE00", "\uFFFD", "\u000B", "\u000C"];
    private static readonly int[] Lengths = [2, 10, 100, 1_000, 10_000, 100_000];

    private readonly Random _random;
    private readonly IReadOnlyList<FuzzInput> _seeds;

    /// <summary>Creates a mutator over <paramref name="seeds"/>; <paramref name="seed"/> fixes every choice it makes.</summary>
    public SpecMutator(int seed, IReadOnlyList<FuzzInput> seeds)
    {
        if (seeds.Count == 0)
        {
            throw new ArgumentException("The fuzzer needs at least one seed spec.", nameof(seeds));
        }

        _random = new Random(seed);
        _seeds = seeds;
    }

    /// <summary>The next input: a seed spec with one to three edits.</summary>
    public FuzzInput Next()
    {
        var seed = _seeds[_random.Next(_seeds.Count)];
        var text = Encoding.UTF8.GetString(seed.Bytes);
        var origin = new StringBuilder(seed.Origin);
        var edits = _random.Next(1, MaxEditsPerInput + 1);
        byte[]? bytes = null;
        for (var i = 0; i < edits; i++)
        {
            var kind = _random.Next(10);
            origin.Append(" | ");
            switch (kind)
            {
                case 0 or 1:
                    text = ReplaceAtom(text, Pick(Tokens), origin);
                    break;
                case 2:
                    text = ReplaceAtom(text, Chain(), origin.Append("chain "));
                    break;
                case 3:
                    text = ReplaceAtom(text, "", origin.Append("delete "));
                    break;
                case 4:
                    text = InsertLine(text, Pick(HostileLines), origin);
                    break;
                case 5:
                    text = InsertLine(text, Nested(), origin);
                    break;
                case 6:
                    text = RepeatLine(text, origin);
                    break;
                case 7:
                    text = InsertLine(text, Pick(SplitLines(Encoding.UTF8.GetString(Pick(_seeds).Bytes))), origin.Append("splice "));
                    break;
                case 8:
                    var at = _random.Next(text.Length + 1);
                    var special = Pick(Special);
                    text = text.Insert(at, special);
                    origin.Append(FormattableString.Invariant($"insert U+{(int)special[0]:X4} at {at}"));
                    break;
                default:
                    bytes = ByteEdit(Encoding.UTF8.GetBytes(text), origin);
                    break;
            }

            if (bytes is not null)
            {
                break;
            }
        }

        return new FuzzInput(seed.DisplayPath, bytes ?? Encoding.UTF8.GetBytes(text), origin.ToString());
    }

    private string ReplaceAtom(string text, string replacement, StringBuilder origin)
    {
        var atoms = Atom().Matches(text);
        if (atoms.Count == 0)
        {
            return text + replacement;
        }

        var atom = atoms[_random.Next(atoms.Count)];
        origin.Append(FormattableString.Invariant($"'{Short(atom.Value)}' at {atom.Index} -> '{Short(replacement)}'"));
        return string.Concat(text.AsSpan(0, atom.Index), replacement, text.AsSpan(atom.Index + atom.Length));
    }

    private string InsertLine(string text, string line, StringBuilder origin)
    {
        var lines = SplitLines(text);
        var at = _random.Next(lines.Count + 1);
        origin.Append(FormattableString.Invariant($"line {at}: '{Short(line)}'"));
        lines.Insert(at, line);
        return string.Join('\n', lines);
    }

    private string RepeatLine(string text, StringBuilder origin)
    {
        var lines = SplitLines(text);
        var at = _random.Next(lines.Count);
        var times = Math.Max(1, Math.Min(Pick(Lengths), (MaxInputChars - text.Length) / (lines[at].Length + 1)));
        origin.Append(FormattableString.Invariant($"line {at} x{times}"));
        lines.InsertRange(at, Enumerable.Repeat(lines[at], times));
        return string.Join('\n', lines);
    }

    private string Chain()
    {
        var op = Pick(ChainOperators);
        var start = op.StartsWith('[') || op.StartsWith('.') ? "x" : "1";
        return start + string.Concat(Enumerable.Repeat(op, Pick(Lengths)));
    }

    private string Nested()
    {
        var depth = Pick([2, 8, 24, 40, 200]);
        var kind = _random.Next(3);
        var (open, close) = kind switch
        {
            0 => ("for i in 0 ..< 2 { ", " }"),
            1 => ("if depth == 1 { ", " }"),
            _ => ("residual { ", " }"),
        };
        return string.Concat(Enumerable.Repeat(open, depth)) + "relu" + string.Concat(Enumerable.Repeat(close, depth));
    }

    private byte[] ByteEdit(byte[] bytes, StringBuilder origin)
    {
        if (bytes.Length == 0 || _random.Next(3) == 0)
        {
            var cut = _random.Next(bytes.Length + 1);
            origin.Append(FormattableString.Invariant($"cut at byte {cut}"));
            return bytes[..cut];
        }

        var flips = _random.Next(1, 8);
        origin.Append(FormattableString.Invariant($"{flips} byte flips"));
        for (var i = 0; i < flips; i++)
        {
            bytes[_random.Next(bytes.Length)] = (byte)_random.Next(256);
        }

        return bytes;
    }

    private static List<string> SplitLines(string text) => [.. text.Split('\n')];

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "...";

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*|[0-9][0-9._eE]*[kMG%]?|""[^""\n]*""")]
    private static partial Regex Atom();
}
