using HyperDsl.Compiler;
using HyperDsl.Compiler.Emit;
using HyperDsl.Compiler.Resolution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SyntaxTree = HyperDsl.Syntax.SyntaxTree;

namespace HyperDsl.Hosting.Tests;

/// <summary>
/// Spec text with every line terminator C# knows, in every place spec text can reach generated
/// code, never becomes code: the generated syntax tree declares exactly the types and members
/// the generator means, and loading the experiment creates no file.
/// </summary>
public sealed class HostileSpecTextTests
{
    public static TheoryData<string> Terminators() => new(Terminator.Keys);

    public static TheoryData<string, string> PlacesAndTerminators()
    {
        var data = new TheoryData<string, string>();
        foreach (var place in Places)
        {
            foreach (var terminator in Terminator.Keys)
            {
                data.Add(place, terminator);
            }
        }

        return data;
    }

    private static readonly Dictionary<string, string> Terminator = new(StringComparer.Ordinal)
    {
        ["CR"] = "\r",
        ["LF"] = "\n",
        ["CRLF"] = "\r\n",
        ["NEL"] = "\u0085",
        ["LS"] = "\u2028",
        ["PS"] = "\u2029",
    };

    private static readonly string[] Places = ["derived parameter text", "comment in a condition", "comment in a constraint", "string arguments", "spec file name", "import file name"];

    // What the generator means to declare for the spec below, written out by hand.
    private static readonly string[] IntendedDeclarations =
    [
        "EDefinition", "EDefinition.BuildModel", "EDefinition.HasModelConstraints", "EDefinition.ImageSizeAt", "EDefinition.InputShape", "EDefinition.InputShapeAt", "EDefinition.LoadData", "EDefinition.Name",
        "EDefinition.Plan", "EDefinition.Sample", "EDefinition.Satisfies", "EDefinition.SatisfiesModel", "EDefinition.SearchSpace", "EDefinition.StudyHash",
        "EDefinition.Training",
        "EExperiment", "EExperiment.BuildModel", "EExperiment.HasModelConstraints", "EExperiment.ImageSizeAt", "EExperiment.InputShape", "EExperiment.InputShapeAt", "EExperiment.LoadData", "EExperiment.Locate",
        "EExperiment.Plan", "EExperiment.PointOf", "EExperiment.RunTrial", "EExperiment.Sample", "EExperiment.Satisfies", "EExperiment.SatisfiesModel",
        "EExperiment.SearchSpace", "EExperiment.StageBlock", "EExperiment.StudyHash", "EExperiment.Training",
        "EGate", "EGate.Off", "EGate.On",
        "EGateBranch", "EGateBranch.ConstructorDeclaration", "EGateBranch.Off", "EGateBranch.On",
        "EParams", "EParams.GateBranch", "EParams.K", "EParams.Label",
    ];

    private static string Payload(string terminator, string marker) =>
        $"{terminator}public static class {marker}{{[System.Runtime.CompilerServices.ModuleInitializer]internal static void I(){{System.IO.File.Create(System.IO.Path.Combine(System.IO.Path.GetTempPath(), nameof({marker}))).Dispose();}}}}{terminator}";

    // A spec string holding the text: every character as an escape, so any terminator can be written.
    private static string SpecString(string text) => "\"" + string.Concat(text.Select(c => c is '"' or '\\' || c < ' ' || c > '~' ? $"\\u{{{(int)c:X}}}" : c.ToString())) + "\"";

    private static (string Path, string Text, string ImportPath) Spec(IReadOnlyCollection<string> places, string terminator, string marker)
    {
        var payload = Payload(terminator, marker);
        string Comment(string place) => places.Contains(place) ? $"/*{payload}// */" : "";
        // A quote and a backslash first: a string written into the code as it is would end there.
        var text = places.Contains("string arguments") ? SpecString("data/\"\\" + payload + "//") : "\"data\"";

        // A data path or storage with a line break is an error of its own (HYP4011, HYP4013): they carry the rest of the payload, the other strings the terminator.
        var dataPath = places.Contains("string arguments") ? SpecString("data/\"\\" + payload.Replace(terminator, "", StringComparison.Ordinal) + "//") : "\"data\"";
        var import = places.Contains("import file name") ? "blocks" + payload + ".hyp" : "blocks.hyp";
        var spec = $$"""
            import {{SpecString(import)}}

            experiment e {
              data {
                source image_folder({{dataPath}})
                resize 8
                validation 20%
              }
              params {
                width ~ choice(4, 8)
                tag   ~ choice("a", {{text}})
                gate  ~ choice(on, off)
                extra ~ choice(2, 4) when gate {{Comment("comment in a condition")}} == on
                k     = 1 + {{Comment("derived parameter text")}} 1
                label = {{text}}
                require width {{Comment("comment in a constraint")}} >= 4
              }
              model {
                stage(width)
                global_avgpool
                linear(2)
              }
              train { epochs 1; optimizer adam(lr: 1e-3) }
              tune { objective maximize val_accuracy; trials 1; storage {{dataPath}}; try { tag = {{text}} } }
            }
            """;
        var path = places.Contains("spec file name") ? "specs/e" + payload + ".hyp" : "specs/e.hyp";
        return (path, spec, Path.Combine("specs", import));
    }

    private static GeneratedSource Generate(IReadOnlyCollection<string> places, string terminator, string marker)
    {
        var (path, text, importPath) = Spec(places, terminator, marker);
        var resolver = new OneFileResolver(importPath, "block stage(w: int) {\n  conv(w, kernel: 3, padding: same)\n  relu\n}\n");
        var (sources, diagnostics) = HypCompilationEmitter.Emit(HypCompilation.Create([SyntaxTree.Parse(text, path)], resolver));
        Assert.DoesNotContain(diagnostics, d => d.IsError);
        return Assert.Single(sources);
    }

    // Spec text may stand in string literals and comments, never as a name in the code.
    private static List<string> NamesHolding(string csharp, string marker) =>
        [.. CSharpSyntaxTree.ParseText(csharp, new CSharpParseOptions(LanguageVersion.Latest)).GetRoot()
            .DescendantTokens(descendIntoTrivia: true)
            .Where(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText.Contains(marker, StringComparison.Ordinal))
            .Select(t => t.ValueText)];

    private static List<string> Declarations(string csharp)
    {
        var root = CSharpSyntaxTree.ParseText(csharp, new CSharpParseOptions(LanguageVersion.Latest)).GetRoot();
        var names = new List<string>();
        foreach (var node in root.DescendantNodes())
        {
            var type = node.Parent?.FirstAncestorOrSelf<BaseTypeDeclarationSyntax>()?.Identifier.Text;
            switch (node)
            {
                case BaseTypeDeclarationSyntax declaration:
                    names.Add(type is null ? declaration.Identifier.Text : $"{type}.{declaration.Identifier.Text}");
                    break;
                case MethodDeclarationSyntax method:
                    names.Add($"{type}.{method.Identifier.Text}");
                    break;
                case PropertyDeclarationSyntax property:
                    names.Add($"{type}.{property.Identifier.Text}");
                    break;
                case EnumMemberDeclarationSyntax member:
                    names.Add($"{type}.{member.Identifier.Text}");
                    break;
                case FieldDeclarationSyntax field:
                    names.AddRange(field.Declaration.Variables.Select(v => $"{type}.{v.Identifier.Text}"));
                    break;
                case BaseMethodDeclarationSyntax other:
                    names.Add($"{type}.{other.Kind()}");
                    break;
            }
        }

        return [.. names.Order(StringComparer.Ordinal)];
    }

    [Theory]
    [MemberData(nameof(PlacesAndTerminators))]
    public void Spec_text_with_a_line_terminator_declares_nothing_the_generator_did_not_mean(string place, string terminator)
    {
        var source = Generate([place], Terminator[terminator], "HypPwn");

        Assert.Equal(IntendedDeclarations, Declarations(source.Text));
        Assert.Empty(NamesHolding(source.Text, "HypPwn"));
    }

    [Theory]
    [MemberData(nameof(Terminators))]
    public void Loading_an_experiment_with_hostile_text_everywhere_runs_none_of_it(string terminator)
    {
        var marker = "HypPwn" + terminator;
        var created = Path.Combine(Path.GetTempPath(), marker);
        File.Delete(created);
        var source = Generate(Places, Terminator[terminator], marker);

        try
        {
            using var loaded = new ExperimentAssemblyCompiler(null).Load([source]);
            var definition = Assert.Single(loaded.Definitions());

            Assert.Equal("e", definition.Name);
            Assert.False(File.Exists(created), "Loading the experiment ran code from the spec.");
            Assert.Equal(IntendedDeclarations, Declarations(source.Text));
            Assert.Empty(NamesHolding(source.Text, marker));
        }
        finally
        {
            File.Delete(created);
        }
    }

    private sealed class OneFileResolver(string path, string text) : ISourceResolver
    {
        public SpecFileRead Read(string requested) =>
            requested == path ? SpecFileRead.Read(System.Text.Encoding.UTF8.GetBytes(text)) : SpecFileRead.Refused(SpecFileProblem.NotFound, "no such file");
    }
}
