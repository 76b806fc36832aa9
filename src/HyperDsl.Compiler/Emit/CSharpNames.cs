using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace HyperDsl.Compiler.Emit;

/// <summary>Spec names and values as safe C#: PascalCase names, keywords escaped, literals formatted by Roslyn.</summary>
internal static class CSharpNames
{
    /// <summary><c>fashion_cnn</c> becomes <c>FashionCnn</c>.</summary>
    public static string Pascal(string name)
    {
        var builder = new StringBuilder();
        foreach (var part in name.Split('_', StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append(char.ToUpperInvariant(part[0])).Append(part.AsSpan(1));
        }

        var result = builder.Length == 0 ? "Value" : builder.ToString();
        return Identifier(char.IsDigit(result[0]) ? "_" + result : result);
    }

    /// <summary>A local or parameter name, escaped when it is a C# keyword.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.VarKeyword
            ? "@" + name
            : name;

    public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>A file name for <c>#line</c>, which takes no escapes: quotes and line breaks cannot appear in it.</summary>
    public static string LinePath(string path) =>
        "\"" + string.Concat(path.Select(c => c is '"' ? '\'' : char.IsControl(c) ? ' ' : c)) + "\"";

    public static string Double(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    public static string Long(long value) => value.ToString(CultureInfo.InvariantCulture) + "L";
}
