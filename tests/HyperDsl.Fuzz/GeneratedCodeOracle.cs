using HyperDsl.Compiler.Emit;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HyperDsl.Fuzz;

/// <summary>What generated C# may hold, checked on its syntax tree.</summary>
public static class GeneratedCodeOracle
{
    /// <summary>
    /// Generated C# parses, and holds only what a generator writes: top-level types named after
    /// the experiment (its file's name), no module initializer. Spec text that escaped a comment
    /// or a literal shows up here as a foreign type or member.
    /// </summary>
    public static void Check(GeneratedSource source)
    {
        var root = CSharpSyntaxTree.ParseText(source.Text).GetCompilationUnitRoot();
        var errors = root.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new FuzzFindingException($"the spec checks clean but its generated C# ({source.HintName}) does not parse: {errors[0]}");
        }

        var prefix = source.HintName.Replace(".g.cs", "", StringComparison.Ordinal);
        var topLevel = root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<BaseTypeDeclarationSyntax>();
        if (topLevel.FirstOrDefault(type => !type.Identifier.ValueText.StartsWith(prefix, StringComparison.Ordinal)) is { } foreign)
        {
            throw new FuzzFindingException($"the generated C# ({source.HintName}) declares a type the generator does not write: '{foreign.Identifier.ValueText}'");
        }

        if (root.DescendantNodes().OfType<AttributeSyntax>().FirstOrDefault(a => a.Name.ToString().Contains("ModuleInitializer", StringComparison.Ordinal)) is { } initializer)
        {
            throw new FuzzFindingException($"the generated C# ({source.HintName}) has a module initializer: '{initializer}'");
        }
    }
}
