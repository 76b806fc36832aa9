using System.Collections.Immutable;
using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Checking;
using HyperDsl.Compiler.Diagnostics;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Syntax;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Compiler;

/// <summary>
/// A set of .hyp files checked together: the one entry point that the CLI, the build
/// integration and the tests share; hosts only adapt inputs and outputs. Loads imports through
/// an <see cref="ISourceResolver"/>, applies <c>extends</c>, and checks every experiment of the
/// given files. Immutable once created.
/// </summary>
public sealed class HypCompilation
{
    private HypCompilation(ImmutableArray<SyntaxTree> syntaxTrees, ImmutableArray<SyntaxTree> importedTrees, ImmutableArray<Diagnostic> diagnostics, ImmutableArray<CheckedExperiment> experiments)
    {
        SyntaxTrees = syntaxTrees;
        ImportedTrees = importedTrees;
        Diagnostics = diagnostics;
        Experiments = experiments;
    }

    /// <summary>The files of the compilation, in the order given.</summary>
    public ImmutableArray<SyntaxTree> SyntaxTrees { get; }

    /// <summary>Files loaded because a file imports them.</summary>
    public ImmutableArray<SyntaxTree> ImportedTrees { get; }

    /// <summary>Every diagnostic of every file, file by file in source order.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The experiments declared in <see cref="SyntaxTrees"/>, checked.</summary>
    public ImmutableArray<CheckedExperiment> Experiments { get; }

    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>
    /// Checks already parsed files; imports are read through <paramref name="resolver"/>. A resolver
    /// that is also an <see cref="IDataFolderReader"/> (<see cref="FileSystemSourceResolver"/>) has
    /// an image folder's classes counted at check time, relative to the spec file's folder.
    /// </summary>
    public static HypCompilation Create(IEnumerable<SyntaxTree> syntaxTrees, ISourceResolver? resolver = null)
    {
        ArgumentNullException.ThrowIfNull(syntaxTrees);
        var roots = syntaxTrees.ToImmutableArray();
        var diagnostics = new List<Diagnostic>();
        var loader = new ImportLoader(resolver, diagnostics, roots);
        var experiments = ImmutableArray.CreateBuilder<CheckedExperiment>();
        var budget = new CheckBudget(CheckLimits.MaxCheckStepsPerExperiment, CheckLimits.MaxCheckStepsPerFile);
        var suggestions = new Suggestions(CheckLimits.MaxSuggestionWork);
        foreach (var root in roots)
        {
            var visible = loader.Visible(root);
            budget.BeginFile();

            // A file that does not parse gets its syntax errors only: checks on a partial tree would mostly repeat them.
            if (visible.Any(t => t.HasErrors))
            {
                continue;
            }

            var declarations = Declarations(visible, diagnostics);
            var experimentResolver = new ExperimentResolver(declarations.Experiments, declarations.Blocks, diagnostics, suggestions);
            foreach (var experiment in root.Root.Members.OfType<ExperimentSyntax>())
            {
                if (experiment.Name.Name.Length == 0 || !ReferenceEquals(declarations.Experiments.GetValueOrDefault(experiment.Name.Name), experiment))
                {
                    continue;
                }

                if (experimentResolver.Resolve(experiment) is { } effective)
                {
                    experiments.Add(ExperimentChecker.Check(effective, diagnostics, budget, suggestions, resolver as IDataFolderReader));
                }
            }
        }

        // The experiments of a compilation are generated together: their C# names must not meet.
        GeneratedNameChecker.Check([.. experiments.Select(e => e.Bound).OfType<BoundExperiment>()], diagnostics);

        var files = roots.Concat(loader.Loaded).Select(t => t.File).ToList();
        var all = roots.SelectMany(t => t.Diagnostics).Concat(loader.Loaded.SelectMany(t => t.Diagnostics)).Concat(diagnostics)
            .DistinctBy(d => (d.Code, d.Span.File, d.Span.Range.Start, d.Message))
            .OrderBy(d => files.IndexOf(d.Span.File))
            .ThenBy(d => d.Span.Range.Start)
            .ToImmutableArray();
        return new HypCompilation(roots, [.. loader.Loaded], all, experiments.ToImmutable());
    }

    private static IdentifierSyntax? Name(TopLevelSyntax member) => member switch
    {
        ExperimentSyntax experiment => experiment.Name,
        BlockDeclarationSyntax block => block.Name,
        _ => null,
    };

    private static (Dictionary<string, ExperimentSyntax> Experiments, ImmutableDictionary<string, BlockSymbol> Blocks) Declarations(IReadOnlyList<SyntaxTree> visible, List<Diagnostic> diagnostics)
    {
        var experiments = new Dictionary<string, ExperimentSyntax>(StringComparer.Ordinal);
        var blocks = ImmutableDictionary.CreateBuilder<string, BlockSymbol>(StringComparer.Ordinal);
        var first = new Dictionary<string, TopLevelSyntax>(StringComparer.Ordinal);
        foreach (var member in visible.SelectMany(t => t.Root.Members))
        {
            var name = member switch
            {
                ExperimentSyntax experiment => experiment.Name,
                BlockDeclarationSyntax block => block.Name,
                _ => null,
            };
            if (name is null || name.Name.Length == 0)
            {
                continue;
            }

            if (first.TryGetValue(name.Name, out var earlier))
            {
                // Said in the file being checked, whichever of the two came first.
                var rootFile = visible[0].File;
                var (here, there) = earlier.Span.File == rootFile && name.Span.File != rootFile ? (Name(earlier)!, (SyntaxNode)member) : (name, earlier);
                diagnostics.Add(CompilerDiagnostics.DuplicateDeclaration(here.Span, name.Name, there.Span));
                continue;
            }

            first[name.Name] = member;
            if (member is ExperimentSyntax e)
            {
                experiments[name.Name] = e;
            }
            else if (member is BlockDeclarationSyntax b)
            {
                blocks[name.Name] = new BlockSymbol(b);
            }
        }

        return (experiments, blocks.ToImmutable());
    }
}
