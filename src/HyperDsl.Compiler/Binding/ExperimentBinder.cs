using System.Collections.Immutable;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Evaluation;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using static HyperDsl.Compiler.Diagnostics.CompilerDiagnostics;

namespace HyperDsl.Compiler.Binding;

/// <summary>
/// Binds one experiment: declares its parameters in order, resolves every name, call, layer,
/// block and setting, works out types and parameter domains, and records the uses of
/// conditional parameters for the condition checker.
/// </summary>
internal sealed class ExperimentBinder
{
    private readonly EffectiveExperiment _experiment;
    private readonly List<Diagnostic> _diagnostics;
    private readonly ExpressionBinder _expressions;
    private readonly List<ConditionalUse> _conditionalUses = [];
    private readonly List<BlockSymbol> _blocksBeingBound = [];
    private readonly Suggestions _suggestions;

    // Each block is bound once, at its first use; how many levels its body nests (blocks it uses
    // included) is kept so that every later use can be measured without binding it again.
    private readonly Dictionary<BlockSymbol, int> _blockHeights = [];
    private int _nesting;
    private int _deepestNesting;

    public ExperimentBinder(EffectiveExperiment experiment, List<Diagnostic> diagnostics, Suggestions suggestions)
    {
        _experiment = experiment;
        _diagnostics = diagnostics;
        _suggestions = suggestions;
        _expressions = new ExpressionBinder(Model, diagnostics, _conditionalUses, suggestions);
    }

    public SemanticModel Model { get; } = new();

    public List<ParameterSymbol> Parameters { get; } = [];

    public IReadOnlyList<ConditionalUse> ConditionalUses => _conditionalUses;

    public Scope ParameterScope { get; private set; } = Scope.Empty;

    /// <summary>True when the experiment passes one of <see cref="CheckLimits"/>: it is reported, and checking it further would only cost time.</summary>
    public bool PastLimits { get; private set; }

    public void Bind()
    {
        ReportDuplicateSections();
        if (_experiment.Parameters.Length > CheckLimits.MaxParameters)
        {
            var first = _experiment.Parameters[CheckLimits.MaxParameters];
            _diagnostics.Add(TooManyParameters(first.Name.Span, _experiment.Name, _experiment.Parameters.Length, first.Name.Name));
            PastLimits = true;
            return;
        }

        BindParameters();
        if (ReportConditionChains())
        {
            PastLimits = true;
            return;
        }

        var context = new BindingContext(ParameterScope, []) { ModelStatisticsAllowed = true };
        foreach (var constraint in _experiment.Constraints)
        {
            _expressions.BindCondition(constraint.Condition, context, "A 'require' constraint");
        }

        if (_experiment.Model is { } model)
        {
            BindStatements(model.Body, new BindingContext(ParameterScope, []), StatementKind.Model);
            if (!PastLimits)
            {
                new SkipNameBinder(_diagnostics, _suggestions).Bind(model.Body);
            }
        }

        foreach (var (section, settings) in _experiment.Settings)
        {
            BindSettings(section, settings);
        }
    }

    // A conditional parameter whose condition uses another conditional one (directly or through
    // derived values) nests inside it. Parameters only use earlier ones, so one pass in order
    // finds every chain's length. True when a chain is too long (reported once).
    private bool ReportConditionChains()
    {
        var depth = new Dictionary<ParameterSymbol, (int Depth, ParameterSymbol? Inner)>();
        foreach (var parameter in Parameters)
        {
            IEnumerable<ExpressionSyntax> uses = [.. parameter.Condition is { } c ? [c] : Array.Empty<ExpressionSyntax>(),
                .. parameter.Syntax is FixedParameterSyntax f ? [f.Value] : Array.Empty<ExpressionSyntax>()];
            var inner = uses.SelectMany(SyntaxWalker.Names).Select(n => Model.GetResolution(n)).OfType<ParameterSymbol>()
                .Where(depth.ContainsKey)
                .MaxBy(p => depth[p].Depth);
            var level = (inner is null ? 0 : depth[inner].Depth) + (parameter.IsConditional ? 1 : 0);
            depth[parameter] = (level, inner);
            if (level > CheckLimits.MaxConditionDepth)
            {
                var chain = new List<string>();
                for (ParameterSymbol? p = parameter; p is not null; p = depth[p].Inner)
                {
                    chain.Add(p.Name);
                }

                _diagnostics.Add(ConditionsTooDeep(parameter.Condition?.Span ?? parameter.Declaration, parameter.Name, level, chain));
                return true;
            }
        }

        return false;
    }

    private void ReportDuplicateSections()
    {
        foreach (var group in _experiment.Syntax.Sections.GroupBy(s => s.Kind).Where(g => g.Count() > 1))
        {
            foreach (var duplicate in group.Skip(1))
            {
                var first = group.First().Span.Start;
                _diagnostics.Add(DuplicateSection(duplicate.Span with { Range = new(duplicate.Span.Range.Start, group.Key.ToString().Length) },
                    group.Key.ToString().ToLowerInvariant(), _experiment.Name, first.Line));
            }
        }
    }

    // ---- parameters -----------------------------------------------------------------------

    private void BindParameters()
    {
        var scope = Scope.Empty;
        var declared = new Dictionary<string, ParameterSymbol>(StringComparer.Ordinal);
        foreach (var syntax in _experiment.Parameters)
        {
            var symbol = new ParameterSymbol(syntax, Parameters.Count);
            if (declared.TryGetValue(symbol.Name, out var previous))
            {
                _diagnostics.Add(DuplicateParameter(syntax.Name.Span, symbol.Name, previous.Declaration.Start.Line));
                continue;
            }

            // A condition may only use parameters declared before it.
            if (syntax.Condition is { } condition && !ReportLaterReferences(condition, symbol, declared))
            {
                _expressions.BindCondition(condition, new BindingContext(scope, []), $"The condition of '{symbol.Name}'");
            }

            var facts = syntax.Condition is { } c ? ImmutableList.Create<Fact>(new ConditionFact(c, true)) : [];
            switch (syntax)
            {
                case SampledParameterSyntax sampled:
                    BindDistribution(symbol, sampled, new BindingContext(scope, facts));
                    break;
                case FixedParameterSyntax { Value: CallSyntax call } fixedValue when BuiltinCatalog.Find(call.Callee.Name) is { Kind: EntryKind.Distribution }:
                    // Said once here, not again at every use of a value that is "a distribution".
                    _diagnostics.Add(DistributionWithEquals(fixedValue.Value.Span, symbol.Name, ExpressionBinder.Shorten(call)));
                    symbol.Type = ErrorType.Instance;
                    symbol.Domain = new DerivedDomain(fixedValue.Value);
                    break;
                case FixedParameterSyntax fixedValue:
                    symbol.Type = ReportLaterReferences(fixedValue.Value, symbol, declared)
                        ? ErrorType.Instance
                        : _expressions.Bind(fixedValue.Value, new BindingContext(scope, facts));
                    symbol.Domain = new DerivedDomain(fixedValue.Value);
                    break;
            }

            declared[symbol.Name] = symbol;
            Parameters.Add(symbol);
            scope = scope.With(symbol);
        }

        ParameterScope = scope;
    }

    // True when something was reported: binding the expression then would only add "unknown name" errors.
    private bool ReportLaterReferences(ExpressionSyntax expression, ParameterSymbol owner, Dictionary<string, ParameterSymbol> declared)
    {
        var reported = false;
        foreach (var name in SyntaxWalker.Names(expression))
        {
            var later = _experiment.Parameters.FirstOrDefault(p => p.Name.Name == name.Name);
            if (later is not null && !declared.ContainsKey(name.Name) && name.Name != owner.Name)
            {
                _diagnostics.Add(UsesLaterParameter(name.Span, owner.Name, name.Name, later.Name.Span.Start.Line));
                reported = true;
            }
            else if (name.Name == owner.Name)
            {
                _diagnostics.Add(UsesItself(name.Span, owner.Name));
                reported = true;
            }
        }

        return reported;
    }

    private void BindDistribution(ParameterSymbol symbol, SampledParameterSyntax sampled, BindingContext context)
    {
        if (sampled.Distribution is not CallSyntax call || BuiltinCatalog.Find(call.Callee.Name) is not { Kind: EntryKind.Distribution } entry)
        {
            var help = sampled.Distribution switch
            {
                CallSyntax named => DistributionHelp(_suggestions.Help(named.Callee.Name, BuiltinCatalog.NamesOf(EntryKind.Distribution)), BuiltinCatalog.Find(named.Callee.Name) is null),
                // 'width ~ [16, 32]': the values to choose from, written as a list.
                ListSyntax { Items.Length: > 0 } list => ChooseAmongList(sampled.Name.Name, list.Items),
                _ => WriteFixedValue,
            };
            var isUnknown = sampled.Distribution is CallSyntax unknownCall && BuiltinCatalog.Find(unknownCall.Callee.Name) is null;
            _diagnostics.Add(isUnknown
                ? UnknownDistribution(((CallSyntax)sampled.Distribution).Callee.Span, ((CallSyntax)sampled.Distribution).Callee.Name, help)
                : NotADistribution(sampled.Distribution.Span, sampled.Distribution, help));
            return;
        }

        Model.Resolve(call, entry);
        var meaning = entry.DistributionMeaning;
        if (meaning.Domain == DistributionDomainKind.Choice)
        {
            BindChoice(symbol, call, context);
            return;
        }

        _expressions.BindArguments(entry.Name, entry.Parameters, call.Arguments, call.Callee, context);
        symbol.Type = meaning.RangeType;
        symbol.Domain = DomainBuilder.Range(entry, call, Model, _diagnostics);
    }

    private void BindChoice(ParameterSymbol symbol, CallSyntax call, BindingContext context)
    {
        if (call.Arguments.IsEmpty)
        {
            _diagnostics.Add(EmptyChoice(call.Span, symbol.Name));
            return;
        }

        if (call.Arguments.Length > CheckLimits.MaxChoiceValues)
        {
            _diagnostics.Add(ChoiceTooLarge(call.Callee.Span, symbol.Name, call.Arguments.Length));
            PastLimits = true;
            return;
        }

        // Bare names among the choices make an enum named after the parameter.
        var members = call.Arguments.Select(a => a.Value).OfType<NameSyntax>().Where(n => context.Scope.Lookup(n.Name) is null).Select(n => n.Name).Distinct().ToImmutableArray();
        var enumType = members.IsEmpty ? null : new EnumType(symbol.Name, members);
        HypType? elementType = null;
        var values = ImmutableArray.CreateBuilder<Value>();
        var seen = new HashSet<Value>();
        foreach (var argument in call.Arguments)
        {
            if (argument.Name is { } named)
            {
                _diagnostics.Add(ChoiceNamedArgument(named.Span));
                continue;
            }

            var type = enumType is not null && argument.Value is NameSyntax ? enumType : _expressions.Bind(argument.Value, context);
            if (type == enumType)
            {
                Model.Resolve(argument.Value, new EnumValue(((NameSyntax)argument.Value).Name));
                Model.SetType(argument.Value, enumType);
            }

            if (ConstantFolder.TryFold(argument.Value, Model) is { } value)
            {
                if (!seen.Add(value))
                {
                    _diagnostics.Add(DuplicateChoice(argument.Value.Span, value.Display, symbol.Name));
                    continue;
                }

                values.Add(value);
            }
            else if (type is not ErrorType)
            {
                _diagnostics.Add(ChoiceNotConstant(argument.Value.Span, symbol.Name, argument.Value));
                return;
            }

            elementType = MergeChoiceType(symbol, elementType, type, argument.Value);
            if (elementType is ErrorType)
            {
                return;
            }
        }

        if (values.Count == 1)
        {
            _diagnostics.Add(SingleChoice(call.Span, symbol.Name, values[0].Display));
        }

        symbol.Type = elementType ?? ErrorType.Instance;
        // Ints among floats are floats, so 0 and 0.5 are one float choice.
        var normalised = elementType is FloatType ? values.Select(v => v is IntValue i ? new FloatValue(i.Value) : v) : values;
        symbol.Domain = new CategoricalDomain([.. normalised]);
    }

    private HypType MergeChoiceType(ParameterSymbol symbol, HypType? sofar, HypType next, ExpressionSyntax at)
    {
        if (sofar is null || next is ErrorType || sofar == next)
        {
            return sofar ?? next;
        }

        if (sofar is IntType or FloatType && next is IntType or FloatType)
        {
            return FloatType.Instance;
        }

        _diagnostics.Add(MixedChoice(at.Span, symbol.Name, sofar, next));
        return ErrorType.Instance;
    }

    // ---- statements -----------------------------------------------------------------------

    internal enum StatementKind
    {
        Model,
        Block,
        Pipeline,
        Evaluation,
    }

    private void BindStatements(ImmutableArray<StatementSyntax> statements, BindingContext context, StatementKind kind)
    {
        foreach (var statement in statements)
        {
            BindStatement(statement, context, kind);
        }
    }

    // The body of a loop, branch, arm or residual, one level deeper than the statement that holds it.
    private void BindNested(ImmutableArray<StatementSyntax> body, BindingContext context, StatementKind kind, SyntaxNode owner)
    {
        if (!EnterNesting(owner))
        {
            return;
        }

        try
        {
            BindStatements(body, context, kind);
        }
        finally
        {
            _nesting--;
        }
    }

    // Every stage after binding recurses once per level (the shape walk, the generator), so the
    // levels stop here, before any of them runs: at the limit the body is not bound at all.
    private bool EnterNesting(SyntaxNode owner, int levels = 1)
    {
        if (_nesting + levels > CheckLimits.MaxModelNesting)
        {
            ReportNesting(owner);
            return false;
        }

        _nesting++;
        _deepestNesting = Math.Max(_deepestNesting, _nesting + levels - 1);
        return true;
    }

    private void ReportNesting(SyntaxNode owner)
    {
        if (PastLimits)
        {
            return;
        }

        PastLimits = true;
        _diagnostics.Add(ModelNestedTooDeep(owner is LayerSyntax layer ? layer.Name.Span : owner.Span, [.. _blocksBeingBound.Select(b => b.Name)]));
    }

    private void BindStatement(StatementSyntax statement, BindingContext context, StatementKind kind)
    {
        switch (statement)
        {
            case LayerSyntax layer:
                BindLayer(layer, context, kind);
                break;
            case ForSyntax loop:
                var rangeType = _expressions.Bind(loop.Range, context);
                var variableType = rangeType switch
                {
                    RangeType => IntType.Instance,
                    ListType list => list.Element,
                    ErrorType => ErrorType.Instance,
                    _ => null,
                };
                if (variableType is null)
                {
                    _diagnostics.Add(ForNeedsRange(loop.Range.Span, loop.Range, rangeType));
                    variableType = ErrorType.Instance;
                }

                var variable = new LoopVariableSymbol(loop.Variable.Name, loop.Variable.Span) { Type = variableType };
                Model.Resolve(loop, variable);
                BindNested(loop.Body, loop.Variable.Name == "_" ? context : context with { Scope = context.Scope.With(variable) }, kind, loop);
                break;
            case IfStatementSyntax conditional:
                _expressions.BindCondition(conditional.Condition, context, "The condition of 'if'");
                BindNested(conditional.Then, context.WithFact(new ConditionFact(conditional.Condition, true)), kind, conditional);
                BindNested(conditional.Else, context.WithFact(new ConditionFact(conditional.Condition, false)), kind, conditional);
                break;
            case MatchStatementSyntax match:
                var subject = _expressions.Bind(match.Subject, context);
                for (var i = 0; i < match.Arms.Length; i++)
                {
                    _expressions.BindPatterns(match.Arms[i].Patterns, subject, context);
                    BindNested(match.Arms[i].Body, context.WithFact(MatchFact.ForArm(match.Subject, match.Arms, i, a => a.Patterns)), kind, match);
                }

                _expressions.ReportUnreachableArms(match.Arms, a => a.Patterns);
                break;
            case ResidualSyntax residual:
                _expressions.BindArguments("residual", ResidualParameters, residual.Arguments, residual, context);
                BindNested(residual.Body, context, kind, residual);
                break;
            case ReplaceSyntax replace:
                BindLayer(replace.Replacement, context, kind);
                break;
            case SkipSyntax skip when kind == StatementKind.Block:
                // A block may be used in several places, where one name would be saved twice.
                _diagnostics.Add(SkipInBlock(skip.Span, skip));
                break;
        }
    }

    // mixup and cutmix mix the batch the per-image transforms made, so they come last (HYP4051): written before a
    // per-image transform, they would still run after it, which the spec would not say.
    private void CheckMixingLast(BlockSettingSyntax block)
    {
        LayerSyntax? mixing = null;
        foreach (var layer in block.Body.OfType<LayerSyntax>())
        {
            var mixes = Model.GetResolution(layer) is CatalogEntry { Transform.MixesLabels: true };
            if (mixes)
            {
                mixing ??= layer;
            }
            else if (mixing is not null && Model.GetResolution(layer) is CatalogEntry { Kind: EntryKind.Transform } transform)
            {
                _diagnostics.Add(TransformAfterMixing(layer.Name.Span, transform.Name, mixing.Name.Name, mixing.Span.Start.Line));
                return;
            }
        }
    }

    internal static readonly ImmutableArray<ArgSpec> ResidualParameters =
        [new ArgSpec("projection", [], ["auto", "conv", "none"], false, new KeywordValue("auto"), null, "How the shortcut matches a changed shape.")];

    private void BindLayer(LayerSyntax layer, BindingContext context, StatementKind kind)
    {
        if (kind is not (StatementKind.Pipeline or StatementKind.Evaluation) && _experiment.Blocks.TryGetValue(layer.Name.Name, out var block))
        {
            Model.Resolve(layer, block);
            _expressions.BindArguments(block.Name, BlockParameterSpecs(block), layer.Arguments, layer.Name, context);
            BindBlockBody(block, layer);
            return;
        }

        if (kind == StatementKind.Evaluation && BuiltinCatalog.Find(layer.Name.Name) is { Kind: EntryKind.Transform, Transform.MixesLabels: true } mixing)
        {
            _diagnostics.Add(MixingInEvaluate(layer.Name.Span, mixing.Name));
            return;
        }

        if (kind == StatementKind.Evaluation && BuiltinCatalog.Find(layer.Name.Name) is { Kind: EntryKind.Transform, Transform.Evaluate: null } random)
        {
            _diagnostics.Add(RandomTransformInEvaluate(layer.Name.Span, random.Name));
            return;
        }

        var kinds = kind is StatementKind.Pipeline or StatementKind.Evaluation ? new[] { EntryKind.Transform } : [EntryKind.Layer, EntryKind.Backbone];
        if (BuiltinCatalog.Find(layer.Name.Name) is { } entry && kinds.Contains(entry.Kind))
        {
            Model.Resolve(layer, entry);
            _expressions.BindArguments(entry.Name, entry.Parameters, layer.Arguments, layer.Name, context);
            return;
        }

        var pipeline = kind is StatementKind.Pipeline or StatementKind.Evaluation;
        var candidates = BuiltinCatalog.NamesOf(kinds).Concat(pipeline ? [] : _experiment.Blocks.Keys);
        var what = pipeline ? "a transform" : "a layer or block";
        if (BuiltinCatalog.Find(layer.Name.Name) is { } other)
        {
            _diagnostics.Add(WrongStatementKind(layer.Name.Span, other, what, _suggestions.Help(layer.Name.Name, candidates)));
        }
        else
        {
            _diagnostics.Add(UnknownStatement(layer.Name.Span, layer.Name.Name, what, pipeline, _suggestions.Help(layer.Name.Name, candidates)));
        }

        foreach (var argument in layer.Arguments)
        {
            _expressions.Bind(argument.Value, context);
        }
    }

    private void BindBlockBody(BlockSymbol block, LayerSyntax use)
    {
        if (_blocksBeingBound.Contains(block))
        {
            var cycle = _blocksBeingBound.SkipWhile(b => b != block).Select(b => b.Name).Append(block.Name);
            _diagnostics.Add(BlockRecursion(use.Name.Span, block.Name, cycle));
            return;
        }

        // Bound already: the body binds the same way at every use (a block sees only its own
        // parameters), so only its depth at this use is new. Binding it per use would repeat
        // the work exponentially for blocks that use the next block twice.
        if (_blockHeights.TryGetValue(block, out var height))
        {
            if (EnterNesting(use, height))
            {
                _nesting--;
            }

            return;
        }

        if (!EnterNesting(use))
        {
            return;
        }

        _blocksBeingBound.Add(block);
        var deepestOutside = _deepestNesting;
        _deepestNesting = _nesting;
        try
        {
            foreach (var parameter in block.Parameters)
            {
                parameter.Type = BlockParameterType(parameter);
            }

            BindStatements(block.Syntax.Body, new BindingContext(Scope.Empty.With(block.Parameters), []) { HiddenScope = ParameterScope }, StatementKind.Block);
        }
        finally
        {
            _blocksBeingBound.Remove(block);
            _blockHeights[block] = _deepestNesting - _nesting + 1;
            _deepestNesting = Math.Max(deepestOutside, _deepestNesting);
            _nesting--;
        }
    }

    internal static ImmutableArray<ArgSpec> BlockParameterSpecs(BlockSymbol block) => block.ArgumentSpecs;

    internal static HypType BlockParameterType(BlockParameterSymbol parameter) => parameter.Syntax.Type?.Name.Name switch
    {
        "int" => IntType.Instance,
        "float" => FloatType.Instance,
        "bool" => BoolType.Instance,
        "string" => StringType.Instance,
        _ => ErrorType.Instance,
    };

    // ---- settings ---------------------------------------------------------------------------

    private void BindSettings(SectionKind section, ImmutableArray<SettingSyntax> settings)
    {
        var seen = new Dictionary<string, SettingSyntax>(StringComparer.Ordinal);
        var context = new BindingContext(ParameterScope, []);
        foreach (var setting in settings)
        {
            var name = setting.Name.Name;
            if (!BuiltinCatalog.Settings.TryGetValue((section, name), out var spec))
            {
                var elsewhere = BuiltinCatalog.Settings.Keys.Where(k => k.Name == name).Select(k => k.Section.ToString().ToLowerInvariant()).FirstOrDefault();
                _diagnostics.Add(UnknownSetting(setting.Name.Span, name, section.ToString().ToLowerInvariant(), elsewhere,
                    _suggestions.Help(name, BuiltinCatalog.Settings.Keys.Where(k => k.Section == section).Select(k => k.Name))));
                continue;
            }

            // Inherited settings were replaced already, so a repeat here is written twice in one section.
            if (setting is not TrySettingSyntax && !seen.TryAdd(name, setting))
            {
                _diagnostics.Add(DuplicateSetting(setting.Name.Span, name, seen[name].Span.Start.Line));
            }

            switch (setting)
            {
                case ValueSettingSyntax value when !spec.IsBlock:
                    _expressions.BindArguments(name, spec.Arguments, value.Arguments, setting.Name, context);
                    CheckForm(spec, value);
                    break;
                case BlockSettingSyntax block when spec.IsBlock:
                    BindStatements(block.Body, context, name == "evaluate" ? StatementKind.Evaluation : StatementKind.Pipeline);
                    CheckMixingLast(block);
                    break;
                case ObjectiveSettingSyntax objective:
                    foreach (var goal in objective.Objectives)
                    {
                        BindMetric(goal.Metric);
                    }

                    break;
                case TrySettingSyntax attempt:
                    BindTryPoint(attempt);
                    break;
                default:
                    _diagnostics.Add(SettingShape(setting.Span, name, spec.IsBlock));
                    break;
            }
        }
    }

    // A setting with forms (normalize: a preset, or mean and std) must be written in exactly one of them;
    // unknown or repeated arguments were reported by the argument binder already.
    private void CheckForm(SettingSpec spec, ValueSettingSyntax value)
    {
        if (spec.Forms.IsEmpty)
        {
            return;
        }

        var given = value.Arguments
            .Select((a, i) => a.Name?.Name ?? (i < spec.Arguments.Length ? spec.Arguments[i].Name : null))
            .OfType<string>()
            .Where(n => spec.Arguments.Any(p => p.Name == n))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (given.Count == 0 && value.Arguments.Length > 0
            || spec.Forms.Any(f => f.Length == given.Count && f.All(given.Contains)))
        {
            return;
        }

        _diagnostics.Add(SettingForm(value.Span, spec, given));
    }

    private void BindMetric(ExpressionSyntax metric)
    {
        switch (metric)
        {
            case NameSyntax name when BuiltinCatalog.ReportedMetrics.Contains(name.Name):
                Model.Resolve(name, new KeywordValue(name.Name));
                break;
            case MemberAccessSyntax { Target: NameSyntax target } member when BuiltinCatalog.FindMetric(target.Name + "." + member.Member.Name) is { IsStatic: true } figure:
                Model.Resolve(member, new KeywordValue(figure.Name));
                break;
            default:
                var text = ExpressionBinder.Shorten(metric);
                _diagnostics.Add(UnknownObjectiveMetric(metric.Span, text, _suggestions.Help(text, BuiltinCatalog.ReportedMetrics.Concat(BuiltinCatalog.StaticMetrics))));
                break;
        }
    }

    private void BindTryPoint(TrySettingSyntax attempt)
    {
        var context = new BindingContext(ParameterScope, []);
        foreach (var assignment in attempt.Assignments)
        {
            if (context.Scope.Lookup(assignment.Name.Name) is not ParameterSymbol parameter)
            {
                _diagnostics.Add(TryUnknownParameter(assignment.Name.Span, assignment.Name.Name, _experiment.Name, _suggestions.Help(assignment.Name.Name, Parameters.Select(p => p.Name))));
                _expressions.Bind(assignment.Value, context);
                continue;
            }

            Model.Resolve(assignment, parameter);
            _expressions.BindExpecting(assignment.Value, context, ExpressionBinder.Expect(parameter.Type), $"'{parameter.Name}'");
        }
    }
}
