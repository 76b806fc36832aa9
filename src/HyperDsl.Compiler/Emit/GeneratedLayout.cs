using System.Collections.Immutable;
using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Lowering;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Compiler.Emit;

/// <summary>
/// Every C# name the generator declares for one experiment, with the spec name it comes from:
/// the single naming scheme that the emitter writes, the checker searches for collisions
/// (<see cref="Checking.GeneratedNameChecker"/>) and hosting verifies the generated code
/// against (<see cref="Manifest"/>).
/// </summary>
internal sealed class GeneratedLayout
{
    /// <summary>The members of <c>{Name}Experiment</c> besides the block methods, in the order they are written.</summary>
    public static readonly ImmutableArray<string> ExperimentMembers =
        ["InputShape", "InputShapeAt", "ImageSizeAt", "SearchSpace", "Sample", "HasModelConstraints", "SatisfiesModel", "Satisfies", "Training", "LoadData", "Locate", "RunTrial", "StudyHash", "PointOf", "Plan", "BuildModel"];

    /// <summary>The members of <c>{Name}Definition</c>, in the order they are written.</summary>
    public static readonly ImmutableArray<string> DefinitionMembers =
        ["Name", "StudyHash", "SearchSpace", "Plan", "Sample", "Satisfies", "HasModelConstraints", "SatisfiesModel", "InputShape", "InputShapeAt", "ImageSizeAt", "Training", "BuildModel", "LoadData"];

    // What C# gives every record already (or forbids in one, 'Clone'): a property may not take these names.
    // Enum members may take any name but 'value__', which PascalCase never gives.
    private static readonly ImmutableArray<string> RecordMembers =
        ["Clone", "EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "GetType", "MemberwiseClone", "ReferenceEquals"];

    private const string RecordReason = "a member every C# record has";

    private readonly List<GeneratedName> _names = [];

    private GeneratedLayout(BoundExperiment bound)
    {
        var experiment = bound.Experiment.Syntax.Name;
        Name = CSharpNames.Pascal(experiment.Name);
        var model = bound.Model;
        // One enum per choice parameter; a derived value of that type ('k = optimizer') uses it too.
        EnumTypes = [.. bound.Parameters.Where(p => p.Type is EnumType e && e.Name == p.Name).Select(p => (p, Name + CSharpNames.Pascal(p.Name)))];

        Branches = FindBranches(bound);
        Blocks = [.. UsedBlocks(ExperimentLowerer.Lower(bound))];

        // The names, scope by scope, as the emitter declares them.
        var what = $"experiment '{experiment.Name}'";
        var inExperiment = $"in experiment '{experiment.Name}'";
        var types = new Scope(this, bound, $"namespace {CSharpNames.Namespace}", [], "");
        types.Add(Name + "Params", what + " (its parameter record)", experiment.Span);
        types.Add(Name + "Experiment", what + " (its experiment class)", experiment.Span);
        types.Add(Name + "Definition", what + " (its definition class)", experiment.Span);
        foreach (var (parameter, name) in EnumTypes)
        {
            types.Add(name, $"the choices of parameter '{parameter.Name}' {inExperiment}", parameter.Declaration);
            var members = new Scope(this, bound, $"the generated enum '{name}'", [], "");
            foreach (var member in ((EnumType)parameter.Type).Members)
            {
                members.Add(CSharpNames.Pascal(member), $"choice '{member}' of '{parameter.Name}'", ChoiceSpan(parameter, member));
            }
        }

        var record = new Scope(this, bound, $"the generated record '{Name}Params'", RecordMembers, RecordReason);
        record.Reserve(Name + "Params", "the record's own name");
        foreach (var parameter in bound.Parameters)
        {
            record.Add(CSharpNames.Pascal(parameter.Name), $"parameter '{parameter.Name}'", parameter.Declaration);
        }

        foreach (var branch in Branches)
        {
            var branchType = BranchType(branch.Choice);
            types.Add(branchType, $"the branches of '{branch.Choice.Name}' {inExperiment}", branch.Choice.Declaration);
            record.Add(CSharpNames.Pascal(branch.Choice.Name) + "Branch", $"the branches of '{branch.Choice.Name}'", branch.Choice.Declaration);
            var nested = new Scope(this, bound, $"the generated record '{branchType}'", RecordMembers, RecordReason);
            nested.Reserve(branchType, "the record's own name");
            foreach (var (member, _) in branch.Members)
            {
                nested.Add(CSharpNames.Pascal(member), $"choice '{member}' of '{branch.Choice.Name}'", ChoiceSpan(branch.Choice, member));
            }

            foreach (var (member, parameters) in branch.Members)
            {
                // A branch record inherits its siblings (nested types of its base) and has its own name.
                var memberType = CSharpNames.Pascal(member);
                var fields = new Scope(this, bound, $"the generated record '{branchType}.{memberType}'", RecordMembers, RecordReason);
                fields.Reserve(memberType, "the record's own name");
                foreach (var (sibling, _) in branch.Members.Where(m => m.Member != member))
                {
                    fields.Add(CSharpNames.Pascal(sibling), $"choice '{sibling}' of '{branch.Choice.Name}'", ChoiceSpan(branch.Choice, sibling));
                }

                foreach (var parameter in parameters)
                {
                    fields.Add(CSharpNames.Pascal(parameter.Name), $"parameter '{parameter.Name}'", parameter.Declaration);
                }
            }
        }

        var statics = new Scope(this, bound, $"the generated class '{Name}Experiment'", ExperimentMembers, "a member the generator writes");
        foreach (var block in Blocks)
        {
            statics.Add(BlockMethod(block), $"block '{block.Name}'", block.Declaration);
        }

        Manifest = BuildManifest(bound);
    }

    /// <summary>The experiment's C# name: <c>fashion_cnn</c> gives <c>FashionCnn</c>, and the types <c>FashionCnnParams</c>, <c>FashionCnnExperiment</c>, ...</summary>
    public string Name { get; }

    /// <summary>The file the experiment's code is written to.</summary>
    public string FileName => Name + ".g.cs";

    /// <summary>The enum of each parameter whose choices are bare names, in declaration order.</summary>
    public ImmutableArray<(ParameterSymbol Parameter, string Name)> EnumTypes { get; }

    /// <summary>Per enum parameter, the conditional parameters that exist only for some of its choices.</summary>
    public ImmutableArray<Branch> Branches { get; }

    /// <summary>The blocks the model uses, directly or through other blocks: one method each.</summary>
    public ImmutableArray<BlockSymbol> Blocks { get; }

    /// <summary>Every declared name with its scope and origin, for the collision check.</summary>
    public IReadOnlyList<GeneratedName> Names => _names;

    /// <summary>What the generated file declares, for hosting to verify.</summary>
    public GeneratedManifest Manifest { get; }

    public static GeneratedLayout Of(BoundExperiment bound) => new(bound);

    /// <summary>The enum generated for <paramref name="parameter"/>.</summary>
    public string EnumOf(ParameterSymbol parameter) => EnumTypes.First(e => ReferenceEquals(e.Parameter, parameter)).Name;

    /// <summary>The enum generated for the choice parameter whose type is <paramref name="type"/>.</summary>
    public string EnumOf(EnumType type) => EnumTypes.First(e => e.Parameter.Name == type.Name).Name;

    public string BranchType(ParameterSymbol choice) => Name + CSharpNames.Pascal(choice.Name) + "Branch";

    public static string BlockMethod(BlockSymbol block) => CSharpNames.Pascal(block.Name) + "Block";

    private GeneratedManifest BuildManifest(BoundExperiment bound)
    {
        static GeneratedType Type(GeneratedTypeKind kind, string name, IEnumerable<string> parameters, IEnumerable<string> members, IEnumerable<GeneratedType>? nested = null) =>
            new(kind, name, [.. parameters], [.. members], [.. nested ?? []]);

        var types = ImmutableArray.CreateBuilder<GeneratedType>();
        foreach (var (parameter, name) in EnumTypes)
        {
            types.Add(Type(GeneratedTypeKind.Enum, name, [], ((EnumType)parameter.Type).Members.Select(CSharpNames.Pascal)));
        }

        types.Add(Type(GeneratedTypeKind.Record, Name + "Params",
            bound.Parameters.Where(p => !p.IsFixed).Select(p => CSharpNames.Pascal(p.Name)),
            Branches.Select(b => CSharpNames.Pascal(b.Choice.Name) + "Branch").Concat(bound.Parameters.Where(p => p.IsFixed).Select(p => CSharpNames.Pascal(p.Name)))));
        foreach (var branch in Branches)
        {
            var name = BranchType(branch.Choice);
            types.Add(Type(GeneratedTypeKind.Record, name, [], [name],
                branch.Members.Select(m => Type(GeneratedTypeKind.Record, CSharpNames.Pascal(m.Member), m.Parameters.Select(p => CSharpNames.Pascal(p.Name)), []))));
        }

        types.Add(Type(GeneratedTypeKind.Class, Name + "Experiment", [], ExperimentMembers.Concat(Blocks.Select(BlockMethod))));
        types.Add(Type(GeneratedTypeKind.Class, Name + "Definition", [], DefinitionMembers));
        return new GeneratedManifest(CSharpNames.Namespace, types.ToImmutable());
    }

    // The conditional parameters that exist for only some choices of an enum parameter
    // ('when optimizer == sgd', 'when optimizer in [sgd, nesterov]'), per choice.
    private static ImmutableArray<Branch> FindBranches(BoundExperiment bound)
    {
        var result = ImmutableArray.CreateBuilder<Branch>();
        foreach (var choice in bound.Parameters.Where(p => p.Type is EnumType e && e.Name == p.Name && !p.IsConditional))
        {
            var members = ((EnumType)choice.Type).Members.Select(m => (Member: m, Parameters: new List<ParameterSymbol>())).ToList();
            foreach (var parameter in bound.Parameters.Where(p => p.IsConditional && !p.IsFixed))
            {
                foreach (var member in ChoicesOf(bound.Model, parameter.Condition!, choice))
                {
                    members.First(m => m.Member == member).Parameters.Add(parameter);
                }
            }

            if (members.Any(m => m.Parameters.Count > 0))
            {
                result.Add(new Branch(choice, [.. members.Select(m => (m.Member, (IReadOnlyList<ParameterSymbol>)m.Parameters))]));
            }
        }

        return result.ToImmutable();
    }

    // Read from the lowered condition, as the evaluator and the printer read it.
    private static IEnumerable<string> ChoicesOf(SemanticModel model, ExpressionSyntax condition, ParameterSymbol choice) => LoweredExpressions.Of(model).Of(condition) switch
    {
        LoweredBinary { Operator: BinaryOperator.Equal, Left: LoweredParameterReference subject, Right: LoweredChoice member }
            when ReferenceEquals(subject.Parameter, choice) => [member.Choice.Member],
        LoweredBinary { Operator: BinaryOperator.In, Left: LoweredParameterReference subject, Right: LoweredList list }
            when ReferenceEquals(subject.Parameter, choice) => list.Items.OfType<LoweredChoice>().Select(c => c.Choice.Member).Distinct(),
        _ => [],
    };

    // Each block before the blocks it uses, in the order the model first uses them (read off the
    // lowered model the emitter prints); a stack of walks rather than recursion, so a long chain
    // of blocks costs no call stack.
    private static IEnumerable<BlockSymbol> UsedBlocks(LoweredExperiment lowered)
    {
        var bodies = lowered.Blocks.ToDictionary(b => b.Symbol, b => b.Body);
        var seen = new HashSet<BlockSymbol>();
        var walks = new Stack<IEnumerator<LoweredStatement>>();
        walks.Push(LoweredWalker.Statements(lowered.Model ?? []).GetEnumerator());
        while (walks.Count > 0)
        {
            var walk = walks.Peek();
            if (!walk.MoveNext())
            {
                walks.Pop().Dispose();
                continue;
            }

            if (walk.Current is LoweredBlockUse use && seen.Add(use.Block))
            {
                yield return use.Block;
                if (bodies.TryGetValue(use.Block, out var body))
                {
                    walks.Push(LoweredWalker.Statements(body).GetEnumerator());
                }
            }
        }
    }

    private static SourceSpan ChoiceSpan(ParameterSymbol parameter, string member) =>
        parameter.Syntax is SampledParameterSyntax { Distribution: CallSyntax call }
        && call.Arguments.Select(a => a.Value).OfType<NameSyntax>().FirstOrDefault(n => n.Name == member) is { } name
            ? name.Span
            : parameter.Declaration;

    /// <summary>One enum parameter's choices, each with the conditional parameters that exist only for it.</summary>
    public sealed record Branch(ParameterSymbol Choice, ImmutableArray<(string Member, IReadOnlyList<ParameterSymbol> Parameters)> Members);

    private sealed class Scope
    {
        private readonly GeneratedLayout _layout;
        private readonly BoundExperiment _bound;
        private readonly string _description;

        public Scope(GeneratedLayout layout, BoundExperiment bound, string description, ImmutableArray<string> reserved, string why)
        {
            _layout = layout;
            _bound = bound;
            _description = description;
            foreach (var name in reserved)
            {
                Reserve(name, why);
            }
        }

        public void Add(string csharp, string what, SourceSpan span) => _layout._names.Add(new GeneratedName(_bound, _description, csharp, what, span));

        public void Reserve(string csharp, string why) => _layout._names.Add(new GeneratedName(_bound, _description, csharp, why, null));
    }
}

/// <summary>A C# name the generator declares: in which scope, what it stands for, and the spec name it comes from (null for the generator's own names).</summary>
/// <param name="Experiment">The experiment whose code declares it.</param>
/// <param name="Scope">Where it is declared, in words: <c>the generated record 'FashionCnnParams'</c>.</param>
/// <param name="CSharp">The C# name.</param>
/// <param name="What">The spec name it stands for (<c>parameter 'lr'</c>), or why the generator has it.</param>
/// <param name="Span">Where the spec name is declared; null for the generator's own names.</param>
internal sealed record GeneratedName(BoundExperiment Experiment, string Scope, string CSharp, string What, SourceSpan? Span);
