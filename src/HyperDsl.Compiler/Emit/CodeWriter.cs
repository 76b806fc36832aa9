using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace HyperDsl.Compiler.Emit;

/// <summary>
/// The only way the emitter writes C#, line by line, so that no spec text can end a line or a
/// comment early. A code line must hold only <see cref="GeneratedText.IsSafe(string)">safe</see>
/// characters and cannot be a comment or a directive; comments and <c>#line</c> directives have
/// their own methods, which escape every value put into them. Spec text thus reaches the code
/// only as Roslyn literals and checked identifiers, and comments only escaped.
/// </summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    /// <summary>One line of code, indented. Throws (a generator bug) on a character that is not safe or a line that is a comment or a directive.</summary>
    public void Line(string code = "")
    {
        var trimmed = code.TrimStart();
        if (trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith("/*", StringComparison.Ordinal) || trimmed.StartsWith('#'))
        {
            throw new InvalidOperationException($"A generated code line may not be a comment or a directive: {GeneratedText.Comment(code)}");
        }

        Write(code);
    }

    /// <summary>A <c>//</c> comment: the interpolated values are escaped with <see cref="GeneratedText.Comment"/>.</summary>
    public void Comment(CommentText text) => Write("// " + text.ToString());

    /// <summary>A <c>///</c> comment line: the literal parts are the generator's XML, the interpolated values escaped with <see cref="GeneratedText.XmlComment"/>.</summary>
    public void Doc(DocText text) => Write("/// " + text.ToString());

    /// <summary><c>#line</c> back to a spec line, the file name made safe with <see cref="GeneratedText.LinePath"/>.</summary>
    public void LineDirective(int line, string path) =>
        AppendLine(string.Create(CultureInfo.InvariantCulture, $"#line {line} {GeneratedText.LinePath(path)}"));

    /// <summary><c>#line default</c>: what follows is the generator's own code.</summary>
    public void LineDefault() => Write("#line default");

    /// <summary><c>#nullable enable</c>.</summary>
    public void NullableEnable() => AppendLine("#nullable enable");

    public void Open()
    {
        Line("{");
        _indent++;
    }

    public void Close(string text = "}")
    {
        _indent--;
        Line(text);
    }

    public void Indent() => _indent++;

    public void Unindent() => _indent--;

    public override string ToString() => _text.ToString();

    private void Write(string text)
    {
        if (text.Length > 0)
        {
            AppendLine(new string(' ', _indent * 4) + text);
        }
        else
        {
            AppendLine("");
        }
    }

    private void AppendLine(string line)
    {
        if (GeneratedText.FirstUnsafe(line) is var at and >= 0)
        {
            throw new InvalidOperationException($"A generated line holds U+{(int)line[at]:X4} at {at}, which C# could read as a line end or hide: {GeneratedText.Comment(line)}");
        }

        _text.Append(line).Append('\n');
    }

    /// <summary>The text of a <c>//</c> comment, built from an interpolated string whose values are escaped.</summary>
    [InterpolatedStringHandler]
    public readonly struct CommentText
    {
        private readonly StringBuilder _builder;

        public CommentText(int literalLength, int formattedCount)
        {
            _ = formattedCount;
            _builder = new StringBuilder(literalLength + 32);
        }

        public void AppendLiteral(string value) => _builder.Append(value);

        public void AppendFormatted(string? value) => _builder.Append(GeneratedText.Comment(value ?? ""));

        public void AppendFormatted(long value) => _builder.Append(value.ToString(CultureInfo.InvariantCulture));

        public override string ToString() => _builder.ToString();
    }

    /// <summary>The text of a <c>///</c> comment line, built from an interpolated string whose values are XML-escaped.</summary>
    [InterpolatedStringHandler]
    public readonly struct DocText
    {
        private readonly StringBuilder _builder;

        public DocText(int literalLength, int formattedCount)
        {
            _ = formattedCount;
            _builder = new StringBuilder(literalLength + 32);
        }

        public void AppendLiteral(string value) => _builder.Append(value);

        public void AppendFormatted(string? value) => _builder.Append(GeneratedText.XmlComment(value ?? ""));

        public void AppendFormatted(long value) => _builder.Append(value.ToString(CultureInfo.InvariantCulture));

        public override string ToString() => _builder.ToString();
    }
}
