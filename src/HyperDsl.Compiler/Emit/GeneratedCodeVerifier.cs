using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HyperDsl.Compiler.Emit;

/// <summary>
/// Checks generated C# against its <see cref="GeneratedManifest"/> before it is written or
/// compiled: each line holds only <see cref="GeneratedText.IsSafe(string)">safe</see> characters
/// and ends with <c>\n</c>; the file parses, has no <c>using</c>, <c>extern alias</c> or
/// assembly attribute, one file-scoped namespace, exactly the manifest's types with exactly
/// their members, no attribute but <c>[GeneratedCode]</c> (so no <c>[ModuleInitializer]</c>),
/// and no directive but <c>#nullable</c> and <c>#line</c>. Anything else means spec text
/// became code: a HyperDsl bug, refused before anything compiles or runs.
/// </summary>
public static class GeneratedCodeVerifier
{
    /// <summary>
    /// The parse options of generated code for checking and compiling it in memory. Documentation
    /// comments stay plain comments (nothing in one is code, and their XML is not needed), which
    /// also keeps the check cheap.
    /// </summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.None);

    private const string GeneratedCodeAttribute = "global::System.CodeDom.Compiler.GeneratedCode";

    /// <summary>What is wrong with <paramref name="source"/>; empty when it declares exactly what its manifest says.</summary>
    public static IReadOnlyList<string> Check(GeneratedSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Check(CSharpSyntaxTree.ParseText(source.Text, ParseOptions, path: source.HintName), source.Manifest);
    }

    /// <summary>What is wrong with an already parsed generated file; empty when it declares exactly what <paramref name="manifest"/> says.</summary>
    public static IReadOnlyList<string> Check(Microsoft.CodeAnalysis.SyntaxTree tree, GeneratedManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(manifest);
        var problems = new List<string>();
        var text = tree.GetText().ToString();
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            // Printable ASCII is safe and nearly all of the text; the rest is decoded and checked.
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if (c is < ' ' or > '~')
            {
                var length = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                if (!GeneratedText.IsSafe(text.Substring(i, length)))
                {
                    problems.Add($"line {line} holds U+{(int)c:X4} at column {i - lineStart + 1}, which C# may read as a line end or hide");
                }

                i += length - 1;
            }
        }

        problems.AddRange(tree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(3).Select(d => $"it does not parse: {d}"));
        var root = (CompilationUnitSyntax)tree.GetRoot();
        if (root.Externs.Count > 0 || root.Usings.Count > 0 || root.AttributeLists.Count > 0)
        {
            problems.Add("it has using directives, extern aliases or assembly attributes");
        }

        if (root.Members is not [FileScopedNamespaceDeclarationSyntax { Externs.Count: 0, Usings.Count: 0 } space] || space.Name.ToString() != manifest.Namespace)
        {
            problems.Add($"it is not one file-scoped namespace {manifest.Namespace}");
        }
        else
        {
            CompareTypes(manifest.Namespace, space.Members, manifest.Types, problems);
        }

        foreach (var list in root.DescendantNodes().OfType<AttributeListSyntax>())
        {
            if (list.Target is not null || list.Attributes.Any(a => a.Name.ToString() != GeneratedCodeAttribute))
            {
                problems.Add($"it has the attribute {Shown(list.ToString())}");
            }
        }

        for (var directive = root.GetFirstDirective(); directive is not null; directive = directive.GetNextDirective())
        {
            if (!directive.IsKind(SyntaxKind.NullableDirectiveTrivia) && !directive.IsKind(SyntaxKind.LineDirectiveTrivia))
            {
                problems.Add($"it has the directive {Shown(directive.ToString())}");
            }
        }

        return problems;
    }

    private static void CompareTypes(string container, IEnumerable<MemberDeclarationSyntax> declared, IEnumerable<GeneratedType> meant, List<string> problems)
    {
        var expected = meant.ToList();
        foreach (var member in declared)
        {
            if (member is not BaseTypeDeclarationSyntax type)
            {
                problems.Add($"{container} declares {Describe(member)}, which is not a type");
                continue;
            }

            var kind = type switch
            {
                EnumDeclarationSyntax => GeneratedTypeKind.Enum,
                RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.None) || record.ClassOrStructKeyword.IsKind(SyntaxKind.ClassKeyword) => GeneratedTypeKind.Record,
                ClassDeclarationSyntax => GeneratedTypeKind.Class,
                _ => (GeneratedTypeKind?)null,
            };
            var match = expected.FirstOrDefault(t => t.Name == type.Identifier.ValueText && t.Kind == kind);
            if (match is null)
            {
                problems.Add($"{container} declares the type '{type.Identifier.ValueText}', which the generator did not mean");
                continue;
            }

            expected.Remove(match);
            CompareMembers($"{container}.{match.Name}", type, match, problems);
        }

        problems.AddRange(expected.Select(t => $"{container} lacks the type '{t.Name}'"));
    }

    private static void CompareMembers(string name, BaseTypeDeclarationSyntax type, GeneratedType meant, List<string> problems)
    {
        var parameters = (type as TypeDeclarationSyntax)?.ParameterList?.Parameters.Select(p => p.Identifier.ValueText).ToList() ?? [];
        if (!parameters.SequenceEqual(meant.Parameters, StringComparer.Ordinal))
        {
            problems.Add($"{name} has the parameters ({string.Join(", ", parameters)}), not ({string.Join(", ", meant.Parameters)})");
        }

        var members = new List<string>();
        var nested = new List<MemberDeclarationSyntax>();
        IEnumerable<SyntaxNode> declared = type switch
        {
            EnumDeclarationSyntax e => e.Members,
            TypeDeclarationSyntax t => t.Members,
            _ => [],
        };
        foreach (var member in declared)
        {
            switch (member)
            {
                case BaseTypeDeclarationSyntax:
                    nested.Add((MemberDeclarationSyntax)member);
                    break;
                case EnumMemberDeclarationSyntax value:
                    members.Add(value.Identifier.ValueText);
                    break;
                case MethodDeclarationSyntax method:
                    members.Add(method.Identifier.ValueText);
                    break;
                case PropertyDeclarationSyntax property:
                    members.Add(property.Identifier.ValueText);
                    break;
                case FieldDeclarationSyntax field:
                    members.AddRange(field.Declaration.Variables.Select(v => v.Identifier.ValueText));
                    break;
                case ConstructorDeclarationSyntax constructor when !constructor.Modifiers.Any(SyntaxKind.StaticKeyword):
                    members.Add(constructor.Identifier.ValueText);
                    break;
                default:
                    problems.Add($"{name} declares {Describe(member)}, which the generator never writes");
                    break;
            }
        }

        var extra = members.Except(meant.Members, StringComparer.Ordinal).ToList();
        var missing = meant.Members.Except(members, StringComparer.Ordinal).ToList();
        if (extra.Count > 0 || missing.Count > 0 || members.Count != meant.Members.Length)
        {
            problems.Add($"{name} declares [{string.Join(", ", members.Order(StringComparer.Ordinal))}], not [{string.Join(", ", meant.Members.Order(StringComparer.Ordinal))}]");
        }

        CompareTypes(name, nested, meant.NestedTypes, problems);
    }

    private static string Describe(SyntaxNode node) => $"{node.Kind()} {Shown(node.ToString())}";

    // Enough of the offending text to recognise it, on one line.
    private static string Shown(string text)
    {
        var line = GeneratedText.Comment(text.ReplaceLineEndings(" "));
        return "'" + (line.Length <= 80 ? line : line[..77] + "...") + "'";
    }
}
