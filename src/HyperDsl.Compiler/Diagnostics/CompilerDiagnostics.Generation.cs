using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Compiler.Diagnostics;

// Names in the generated C# (HYP5003-HYP5005), which the checker gives so that 'hyp check' and
// 'hyp compile' agree: each problem with its wording and help.
public static partial class CompilerDiagnostics
{
    private static string WhereElse(SourceSpan other, SourceSpan here) =>
        other.File == here.File ? $"line {other.Start.Line}" : $"{other.File.Path}, line {other.Start.Line}";

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>HYP5005 at an experiment whose generated file is another's (<paramref name="files"/>: which files and types, as a clause).</summary>
    internal static Diagnostic GeneratedFileCollision(SourceSpan span, string experiment, string other, SourceSpan otherSpan, string files) =>
        Create(GeneratedFileCollisionDescriptor, span,
            $"Experiment '{experiment}' and experiment '{other}' ({WhereElse(otherSpan, span)}) {files}.",
            "Experiments checked or compiled together are generated into one namespace and one folder: rename one, or check and compile their files separately.");

    /// <summary>The clause of <see cref="GeneratedFileCollision"/> when both experiments generate one file name.</summary>
    internal static string SameGeneratedFile(string fileName, string typeName) =>
        $"both generate '{fileName}' and the C# types '{typeName}Params', '{typeName}Experiment' and '{typeName}Definition'";

    /// <summary>The clause of <see cref="GeneratedFileCollision"/> when the file names differ only in case.</summary>
    internal static string GeneratedFilesDifferInCase(string other, string otherFile, string experiment, string file) =>
        $"generate '{other}' as '{otherFile}' and '{experiment}' as '{file}', one file where file names ignore case (Windows, macOS)";

    /// <summary>HYP5004 at a spec name (<paramref name="what"/>) whose C# name <paramref name="scope"/> already has (<paramref name="generated"/>).</summary>
    internal static Diagnostic ReservedCSharpName(SourceSpan span, string what, string csharp, string scope, string generated) =>
        Create(ReservedCSharpNameDescriptor, span,
            $"{Capitalised(what)} becomes the C# name '{csharp}', which {scope} already has ({generated}).",
            "Rename it.");

    /// <summary>HYP5003 at a spec name (<paramref name="what"/>) whose C# name is another's (<paramref name="other"/>, at <paramref name="otherSpan"/>).</summary>
    internal static Diagnostic CSharpNameCollision(SourceSpan span, string what, string other, SourceSpan otherSpan, string csharp, string scope) =>
        Create(CSharpNameCollisionDescriptor, span,
            $"{Capitalised(what)} and {other} ({WhereElse(otherSpan, span)}) both become the C# name '{csharp}' in {scope}.",
            "Rename one of them. C# names drop each '_' and start each part with a capital letter, so names that differ only there become one.");
}
