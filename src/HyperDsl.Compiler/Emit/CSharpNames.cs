using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace HyperDsl.Compiler.Emit;

/// <summary>
/// Spec names and values as safe C#: PascalCase names and locals checked with Roslyn's
/// <see cref="SyntaxFacts.IsValidIdentifier"/> (keywords escaped), literals formatted by Roslyn.
/// A name that is not a C# identifier is refused (the spec grammar allows only ASCII letters,
/// digits and <c>_</c>, so this guards the generator, not the user).
/// </summary>
internal static class CSharpNames
{
    /// <summary>The namespace of every generated type.</summary>
    public const string Namespace = "HyperDsl.Generated";

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

    /// <summary>A C# name for <paramref name="name"/>, escaped with <c>@</c> when it is a C# keyword.</summary>
    public static string Identifier(string name)
    {
        if (!SyntaxFacts.IsValidIdentifier(name))
        {
            throw new NotSupportedException($"'{GeneratedText.Comment(name)}' is not a name C# can spell");
        }

        return SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.VarKeyword
            ? "@" + name
            : name;
    }

    /// <summary>
    /// The C# local or parameter for a spec name: <paramref name="kind"/> (one letter) and <c>_</c>
    /// before it. Names the generator makes up for itself never have <c>_</c> second, so the two
    /// cannot meet, and each kind of spec local has its own letter.
    /// </summary>
    public static string Local(char kind, string name) => Identifier(kind + "_" + name);

    /// <summary>A generated type, fully qualified, so no member named like it can hide it.</summary>
    public static string Type(string name) => "global::" + Namespace + "." + Identifier(name);

    public static string String(string value) => GeneratedText.Literal(value);

    /// <summary>A double literal; infinities and NaN (which a spec's <c>1e999</c> can give) as the constants that name them.</summary>
    public static string Double(double value)
    {
        if (!double.IsFinite(value))
        {
            return double.IsNaN(value) ? "global::System.Double.NaN" : value > 0 ? "global::System.Double.PositiveInfinity" : "global::System.Double.NegativeInfinity";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    public static string Long(long value) => value.ToString(CultureInfo.InvariantCulture) + "L";
}
