using System.Collections.Immutable;
using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;
using HyperDsl.Syntax.Diagnostics;
using HyperDsl.Syntax.Text;

namespace HyperDsl.Compiler.Diagnostics;

// Names, types, calls and arguments, sections and settings, imports and 'extends' (HYP1xxx):
// the binder's and the resolver's problems, each with its wording and help.
public static partial class CompilerDiagnostics
{
    private static string Shorten(SyntaxNode node) => ExpressionBinder.Shorten(node);

    // The text at a lowered node's span: what the user wrote, as Shorten prints a syntax node.
    private static string Shorten(SourceSpan span) => ExpressionBinder.Shorten(span);

    private static string Article(HypType type) => ExpressionBinder.Article(type);

    /// <summary>The help of a diagnostic at a name that is close to <paramref name="closest"/> (at least one; five are shown).</summary>
    internal static string DidYouMean(IReadOnlyList<string> closest) =>
        closest.Count == 1 ? $"Did you mean '{closest[0]}'?" : $"Did you mean one of {string.Join(", ", closest.Take(5).Select(b => $"'{b}'"))}?";

    // ---- expressions: types and operators ----

    /// <summary>HYP1101 at a value of the wrong type for what it is given to (<paramref name="what"/>: "'lr' of 'sgd'").</summary>
    internal static Diagnostic ValueTypeMismatch(SourceSpan span, string what, ArgSpec expected, ExpressionSyntax value, HypType type, string? help) =>
        Create(TypeMismatchDescriptor, span, $"{what} expects {expected.Describe()}, but '{Shorten(value)}' is {Article(type)}.", help);

    /// <summary>The help of HYP1101 at a bare number where a quantity goes: the number with its unit.</summary>
    internal static string WriteWithUnit(ExpressionSyntax value, QuantityType unit) => $"Write '{Shorten(value)} {unit.DisplayName}'.";

    /// <summary>The help of HYP1101 at '30M' where a duration goes: M scales by a million; minutes are a lowercase m.</summary>
    internal static string MillionNotMinutes(string text) =>
        $"'{text}' is {text[..^1]} million; for {text[..^1]} minutes, write '{text[..^1]}m' (durations end in s, m, h or d).";

    /// <summary>HYP1101 at a condition (<paramref name="what"/>) that is not true or false.</summary>
    internal static Diagnostic ConditionNotBool(SourceSpan span, string what, ExpressionSyntax condition, HypType type) =>
        Create(TypeMismatchDescriptor, span, $"{what} must be true or false, but '{Shorten(condition)}' is {Article(type)}.");

    /// <summary>HYP1106 at a name that is not one of an enum's choices.</summary>
    internal static Diagnostic NotAChoice(SourceSpan span, string name, EnumType choices, string? didYouMean) =>
        Create(NotAChoiceDescriptor, span, $"'{name}' is not one of the choices of '{choices.Name}' ({string.Join(", ", choices.Members)}).", didYouMean);

    /// <summary>
    /// HYP1001 at a name nothing declares. The help is, first, a parameter of the experiment that a
    /// block cannot see (<paramref name="hiddenFromBlock"/>); else the closest names; else the keywords that fit there.
    /// </summary>
    internal static Diagnostic UnknownName(SourceSpan span, string name, string? didYouMean, IReadOnlyCollection<string> keywords, ParameterSymbol? hiddenFromBlock)
    {
        var help = didYouMean;
        if (help is null && keywords.Count > 0)
        {
            help = $"Here the names that mean something are {string.Join(", ", keywords.Select(k => $"'{k}'"))}.";
        }

        if (hiddenFromBlock is not null)
        {
            help = $"A block sees only its own parameters: add '{hiddenFromBlock.Name}: {hiddenFromBlock.Type.DisplayName}' to the block's parameter list and pass '{hiddenFromBlock.Name}' where the block is used.";
        }

        return Create(UnknownNameDescriptor, span, $"Unknown name '{name}'.", help);
    }

    /// <summary>HYP1102 at '-x' or '+x' where x is not a number.</summary>
    internal static Diagnostic SignNeedsNumber(SourceSpan span, bool negate, ExpressionSyntax operand, HypType type) =>
        Create(OperatorTypeDescriptor, span, $"'{(negate ? "-" : "+")}' needs a number, but '{Shorten(operand)}' is {Article(type)}.");

    /// <summary>HYP4008 at a side of 'then' that is not a learning-rate schedule.</summary>
    internal static Diagnostic ThenJoinsNonSchedule(SourceSpan span, ExpressionSyntax side, HypType type) =>
        Create(ScheduleExpectedDescriptor, span, $"'then' joins learning-rate schedules, but '{Shorten(side)}' is {Article(type)}.");

    /// <summary>HYP1102 at the right of 'in' when it is not a list or a range.</summary>
    internal static Diagnostic InNeedsContainer(SourceSpan span, ExpressionSyntax container, HypType type) =>
        Create(OperatorTypeDescriptor, span, $"'in' needs a list or a range on its right, but '{Shorten(container)}' is {Article(type)}.");

    /// <summary>HYP1102 at an end of a range that is not a whole number.</summary>
    internal static Diagnostic RangeEndNotWhole(SourceSpan span, ExpressionSyntax end, HypType type) =>
        Create(OperatorTypeDescriptor, span, $"A range needs whole numbers at both ends, but '{Shorten(end)}' is {Article(type)}.");

    /// <summary>HYP1102 at 'a &lt; b &lt; c', which compares a bool with a number.</summary>
    internal static Diagnostic ChainedComparison(SourceSpan span, BinarySyntax inner, string @operator, ExpressionSyntax right) =>
        Create(OperatorTypeDescriptor, span, "Comparisons do not chain: this compares the result of "
            + $"'{Shorten(inner)}' (true or false) with a number.", $"Write '{Shorten(inner)} and {Shorten(inner.Right)} {@operator} {Shorten(right)}'.");

    /// <summary>HYP1102 at a comparison of two types that do not compare.</summary>
    internal static Diagnostic CannotCompare(SourceSpan span, string @operator, HypType left, HypType right) =>
        Create(OperatorTypeDescriptor, span, $"'{@operator}' cannot compare {Article(left)} with {Article(right)}.");

    /// <summary>HYP1102 at arithmetic on two types that do not combine.</summary>
    internal static Diagnostic CannotCombine(SourceSpan span, string @operator, HypType left, HypType right) =>
        Create(OperatorTypeDescriptor, span, $"'{@operator}' cannot combine {Article(left)} and {Article(right)}.");

    /// <summary>HYP1102 at a unit after something that is not a number.</summary>
    internal static Diagnostic UnitNeedsNumber(SourceSpan span, ExpressionSyntax value, HypType type) =>
        Create(OperatorTypeDescriptor, span, $"A unit needs a number before it, but '{Shorten(value)}' is {Article(type)}.");

    /// <summary>HYP1104 at 'model.params' or 'model.flops' outside a constraint or an objective.</summary>
    internal static Diagnostic ModelStatisticOutOfPlace(SourceSpan span, string member) =>
        Create(UnknownMemberDescriptor, span, $"'model.{member}' can only be used in a 'require' constraint or an objective.");

    /// <summary>HYP1104 at a member of 'model' other than params and flops.</summary>
    internal static Diagnostic UnknownModelMember(SourceSpan span, string member, string? didYouMean) =>
        Create(UnknownMemberDescriptor, span, $"'model' has no member '{member}'; use 'model.params' or 'model.flops'.", didYouMean);

    /// <summary>HYP1104 at a member of anything but 'model'.</summary>
    internal static Diagnostic NoMembers(SourceSpan span, HypType target)
    {
        var article = Article(target);
        return Create(UnknownMemberDescriptor, span, $"{char.ToUpperInvariant(article[0]) + article[1..]} has no members; only 'model.params' and 'model.flops' use a dot.");
    }

    /// <summary>HYP1101 at a list index that is not a whole number.</summary>
    internal static Diagnostic IndexNotWhole(SourceSpan span, ExpressionSyntax index, HypType type) =>
        Create(TypeMismatchDescriptor, span, $"A list index must be a whole number, but '{Shorten(index)}' is {Article(type)}.");

    /// <summary>HYP1101 at an index into something that is not a list.</summary>
    internal static Diagnostic NotIndexable(SourceSpan span, ExpressionSyntax target, HypType type) =>
        Create(TypeMismatchDescriptor, span, $"Only lists can be indexed, but '{Shorten(target)}' is {Article(type)}.");

    /// <summary>HYP1101 at a match pattern of another type than the value matched.</summary>
    internal static Diagnostic PatternTypeMismatch(SourceSpan span, HypType pattern, HypType subject) =>
        Create(TypeMismatchDescriptor, span, $"This pattern is {Article(pattern)}, but the value matched is {Article(subject)}.");

    /// <summary>HYP1101 at a value of another type than the values before it (in a list, or the arms of an 'if' or 'match').</summary>
    internal static Diagnostic MixedTypes(SourceSpan span, HypType before, HypType value) =>
        Create(TypeMismatchDescriptor, span, $"This is {Article(value)}, but the values before it are {Article(before)}; all must have one type.");

    // ---- calls and arguments ----

    /// <summary>HYP1004 at a catalogue entry of another kind than the ones expected where it stands.</summary>
    internal static Diagnostic WrongKind(SourceSpan span, CatalogEntry entry, IEnumerable<EntryKind> wanted, string? didYouMean) =>
        Create(WrongKindDescriptor, span, $"'{entry.Name}' is {EntryKinds.Describe(entry.Kind)}, but {string.Join(" or ", wanted.Select(EntryKinds.Describe))} is expected here.", didYouMean);

    /// <summary>HYP1003 at a call of a name that no function (or entry of the kind <paramref name="wanted"/>) has.</summary>
    internal static Diagnostic UnknownFunction(SourceSpan span, string name, EntryKind? wanted, string? didYouMean) =>
        Create(UnknownCallDescriptor, span, $"Unknown {(wanted is { } kind ? EntryKinds.Describe(kind).Split(' ', 2)[1] : "function")} '{name}'.", didYouMean);

    /// <summary>HYP1003 at a layer, backbone or transform called in an expression.</summary>
    internal static Diagnostic ModelEntryInExpression(SourceSpan span, string name, EntryKind kind, string? didYouMean) =>
        Create(UnknownCallDescriptor, span, $"'{name}' is {EntryKinds.Describe(kind)}, which belongs in the model section.", didYouMean);

    /// <summary>HYP1007 at a named argument the callee does not have.</summary>
    internal static Diagnostic UnknownArgument(SourceSpan span, string owner, string name, IReadOnlyCollection<string> parameters, string? didYouMean) =>
        Create(UnknownArgumentDescriptor, span, parameters.Count == 0
            ? $"'{owner}' takes no arguments."
            : $"'{owner}' has no argument '{name}'; its arguments are {string.Join(", ", parameters)}.", didYouMean);

    /// <summary>HYP1014 at a positional argument after named ones.</summary>
    internal static Diagnostic PositionalAfterNamed(SourceSpan span) =>
        Create(PositionalAfterNamedDescriptor, span, "A positional argument cannot follow named ones; name it, or move it before them.");

    /// <summary>HYP1009 at a positional argument past the callee's parameters.</summary>
    internal static Diagnostic TooManyArguments(SourceSpan span, string owner, IReadOnlyCollection<string> parameters) =>
        Create(TooManyArgumentsDescriptor, span, parameters.Count == 0
            ? $"'{owner}' takes no arguments."
            : $"'{owner}' takes at most {parameters.Count} positional argument{(parameters.Count == 1 ? "" : "s")} ({string.Join(", ", parameters)}).");

    /// <summary>HYP1010 at an argument given a second time.</summary>
    internal static Diagnostic DuplicateArgument(SourceSpan span, string owner, string argument) =>
        Create(DuplicateArgumentDescriptor, span, $"The argument '{argument}' of '{owner}' is given twice.");

    /// <summary>HYP1008 at a call without a required argument; the help writes the call with all of them.</summary>
    internal static Diagnostic MissingArgument(SourceSpan span, string owner, string missing, IEnumerable<string> required) =>
        Create(MissingArgumentDescriptor, span, $"'{owner}' needs its '{missing}' argument.",
            $"Write {owner}({string.Join(", ", required.Select(p => p + ": ..."))}).");

    /// <summary>HYP1008 at a call of a variadic callee without any value.</summary>
    internal static Diagnostic MissingValues(SourceSpan span, string owner) =>
        Create(MissingArgumentDescriptor, span, $"'{owner}' needs at least one value.");

    /// <summary>HYP4003 at a metric argument (early stopping's, a plateau schedule's) that the trainer does not report.</summary>
    internal static Diagnostic UnknownMetricArgument(SourceSpan span, string metric, IEnumerable<string> reported, string? didYouMean) =>
        Create(UnknownMetricDescriptor, span, $"'{metric}' is not a metric the trainer reports; it reports {string.Join(", ", reported)}.", didYouMean);

    /// <summary>HYP1101 at a keyword-only argument given something other than one of its keywords.</summary>
    internal static Diagnostic KeywordExpected(SourceSpan span, ArgSpec spec, string owner, ExpressionSyntax value, HypType type, string? didYouMean) =>
        Create(TypeMismatchDescriptor, span, $"'{spec.Name}' of '{owner}' expects {spec.Describe()}, but '{Shorten(value)}' is {Article(type)}.", didYouMean);

    /// <summary>HYP3001 at an argument outside its range (at the point <paramref name="when"/>, "" where it is fixed).</summary>
    internal static Diagnostic ArgumentOutOfRange(SourceSpan span, string argument, string owner, NumericRange range, double value, string when) =>
        Create(ArgumentOutOfRangeDescriptor, span,
            $"'{argument}' of '{owner}' must be {range.Describe()}, but it is {Value.FormatNumber(value)}" + (when.Length > 0 ? $", when {when}." : "."),
            when.Length > 0 ? "Narrow the parameter's range so every value fits." : null);

    /// <summary>HYP3001 at an argument below another that the entry orders it after ('max_lr' not below 'base_lr').</summary>
    internal static Diagnostic ArgumentBelowBound(SourceSpan span, string argument, string owner, string bound, double boundValue, double value, string when) =>
        Create(ArgumentOutOfRangeDescriptor, span,
            $"'{argument}' of '{owner}' must be at least its '{bound}' ({Value.FormatNumber(boundValue)}), but it is {Value.FormatNumber(value)}" + (when.Length > 0 ? $", when {when}." : "."),
            when.Length > 0 ? "Narrow the parameters' ranges so that every point keeps the order." : $"Swap the two values, or raise '{argument}'.");

    /// <summary>HYP3001 at a flag that needs another argument above 0 (nesterov and momentum), where it is not (or its default is not: <paramref name="isDefault"/>).</summary>
    internal static Diagnostic FlagNeedsPositive(SourceSpan span, string flag, string owner, string argument, double value, bool isDefault, string when) =>
        Create(ArgumentOutOfRangeDescriptor, span,
            $"'{flag}' of '{owner}' needs '{argument}' above 0, but it is {Value.FormatNumber(value)}{(isDefault ? " (its default)" : "")}" + (when.Length > 0 ? $", when {when}." : "."),
            isDefault ? $"Give '{owner}' a '{argument}' (such as 0.9), or leave '{flag}' out." : "Keep every value of it above 0 where the flag is on, or leave the flag out.");

    // ---- experiments: sections, parameters, settings, the model's statements ----

    /// <summary>HYP1012 at a section given a second time (<paramref name="section"/> in lower case).</summary>
    internal static Diagnostic DuplicateSection(SourceSpan span, string section, string experiment, int firstLine) =>
        Create(DuplicateSectionDescriptor, span, $"The section '{section}' appears twice in '{experiment}'; the first is at line {firstLine}. Merge them into one.");

    /// <summary>HYP1002 at a parameter declared a second time.</summary>
    internal static Diagnostic DuplicateParameter(SourceSpan span, string parameter, int firstLine) =>
        Create(DuplicateParameterDescriptor, span, $"The parameter '{parameter}' is declared twice; the first is at line {firstLine}.", "Remove one, or rename it.");

    /// <summary>HYP2105 where the model's loops, branches, arms, residuals and blocks nest too deeply (<paramref name="blocks"/>: the blocks being bound, outermost first).</summary>
    internal static Diagnostic ModelNestedTooDeep(SourceSpan span, IReadOnlyList<string> blocks)
    {
        var through = blocks.Count switch
        {
            0 => "",
            <= 8 => $", inside the blocks {string.Join(" -> ", blocks)}",
            _ => $", inside the blocks {string.Join(" -> ", blocks.Take(4))} -> ... -> {string.Join(" -> ", blocks.TakeLast(3))}",
        };
        return Create(ModelNestedTooDeepDescriptor, span,
            $"Loops, branches, match arms, residual bodies and blocks nest more than {CheckLimits.MaxModelNesting} levels deep here{through}.",
            "Flatten the structure: repeat layers with a 'for' loop inside one block, rather than a chain of blocks that each use the next.");
    }

    /// <summary>HYP1101 at what a 'for' loops over when it is not a range or a list.</summary>
    internal static Diagnostic ForNeedsRange(SourceSpan span, ExpressionSyntax range, HypType type) =>
        Create(TypeMismatchDescriptor, span, $"'for' needs a range such as '0 ..< depth' or a list, but '{Shorten(range)}' is {Article(type)}.");

    /// <summary>HYP1017 at a skip connection written in a block.</summary>
    internal static Diagnostic SkipInBlock(SourceSpan span, SyntaxNode skip) =>
        Create(SkipOutsideModelDescriptor, span,
            $"'{Shorten(skip)}' is in a block; skip connections are written in the model section, where each name is saved once.",
            "Move the 'save', 'concat' or 'add' into the model section, around the uses of the block.");

    /// <summary>HYP1004 at a catalogue entry of another kind where a statement expects <paramref name="what"/> ("a transform", "a layer or block").</summary>
    internal static Diagnostic WrongStatementKind(SourceSpan span, CatalogEntry entry, string what, string? didYouMean) =>
        Create(WrongKindDescriptor, span, $"'{entry.Name}' is {EntryKinds.Describe(entry.Kind)}, but {what} is expected here{WhereItBelongs(entry.Kind)}.", didYouMean);

    private static string WhereItBelongs(EntryKind kind) => kind switch
    {
        EntryKind.Transform => "; transforms belong in the data section's 'augment' or 'evaluate' block",
        EntryKind.Layer or EntryKind.Backbone => "; layers belong in the model section",
        EntryKind.Optimizer => "; it belongs in the train section's 'optimizer' setting",
        EntryKind.Schedule => "; it belongs in the train section's 'schedule' setting",
        EntryKind.Loss => "; it belongs in the train section's 'loss' setting",
        EntryKind.Function => "; functions compute values for arguments",
        _ => "",
    };

    /// <summary>
    /// HYP1003 at a statement that names no layer, block or transform (<paramref name="what"/>: "a transform", "a layer or block").
    /// 'save', 'concat' and 'add' without a name after them (or called like a layer) are not skip connections, and the help says so.
    /// </summary>
    internal static Diagnostic UnknownStatement(SourceSpan span, string name, string what, bool pipeline, string? didYouMean) =>
        Create(UnknownCallDescriptor, span, $"Unknown {what[2..]} '{name}'.",
            (name is "save" or "concat" or "add" && !pipeline
                ? $"A skip connection is '{name}' and a name, without parentheses: 'save enc1' keeps the tensor here, and 'concat enc1' or 'add enc1' uses it later."
                : null) ?? didYouMean);

    /// <summary>HYP1205 at a block's use inside its own body (<paramref name="cycle"/>: the blocks from it back to it).</summary>
    internal static Diagnostic BlockRecursion(SourceSpan span, string block, IEnumerable<string> cycle) =>
        Create(BlockRecursionDescriptor, span, $"The block '{block}' uses itself ({string.Join(" -> ", cycle)}), so it would never end.",
            "Blocks may use other blocks, but not themselves.");

    /// <summary>HYP1005 at a setting that its section does not have (<paramref name="elsewhere"/>: the section that has it, if one does).</summary>
    internal static Diagnostic UnknownSetting(SourceSpan span, string name, string section, string? elsewhere, string? didYouMean) =>
        Create(UnknownSettingDescriptor, span,
            $"Unknown setting '{name}' in the {section} section" + (elsewhere is null ? "." : $"; it belongs in the {elsewhere} section."), didYouMean);

    /// <summary>HYP1006 at a setting given a second time in one section.</summary>
    internal static Diagnostic DuplicateSetting(SourceSpan span, string name, int firstLine) =>
        Create(DuplicateSettingDescriptor, span, $"'{name}' is set twice in this section; the first is at line {firstLine}.");

    /// <summary>HYP1101 at a setting written as a block where it takes values, or the other way round.</summary>
    internal static Diagnostic SettingShape(SourceSpan span, string name, bool takesBlock) =>
        Create(TypeMismatchDescriptor, span, takesBlock
            ? $"'{name}' takes a block of statements: write '{name} {{ ... }}'."
            : $"'{name}' takes values, not a block.");

    /// <summary>HYP1018 at a setting with forms (normalize: a preset, or mean and std) written in none of them: it has the arguments <paramref name="given"/>.</summary>
    internal static Diagnostic SettingForm(SourceSpan span, SettingSpec spec, IReadOnlyCollection<string> given)
    {
        string Describe(ImmutableArray<string> form) =>
            form is [var only] && spec.Arguments.FirstOrDefault(p => p.Name == only) is { Keywords: [_, ..] keywords }
                ? $"a {only} ({string.Join(", ", keywords)})"
                : form is [var one] ? $"'{one}' alone" : string.Join(" and ", form.Select(n => $"'{n}'")) + " together";

        string Example(ImmutableArray<string> form) =>
            form is [var only] && spec.Arguments.FirstOrDefault(p => p.Name == only) is { Keywords: [var keyword, ..] }
                ? $"{spec.Name} {keyword}"
                : $"{spec.Name} " + string.Join(", ", form.Select(n => $"{n}: ..."));

        var forms = string.Join(", or ", spec.Forms.Select(Describe));
        var has = given.Count == 0 ? "nothing" : string.Join(" and ", given.Select(n => $"'{n}'"));
        return Create(SettingFormDescriptor, span,
            $"'{spec.Name}' takes {forms}; here it has {has}.",
            "Write it one way, e.g. " + string.Join(" or ", spec.Forms.Select(f => $"'{Example(f)}'")) + ".");
    }

    /// <summary>HYP4003 at an objective's metric that the trainer does not report.</summary>
    internal static Diagnostic UnknownObjectiveMetric(SourceSpan span, string metric, string? didYouMean) =>
        Create(UnknownMetricDescriptor, span,
            $"'{metric}' is not a metric the trainer reports; objectives can use {string.Join(", ", BuiltinCatalog.ReportedMetrics)}, model.params or model.flops.", didYouMean);

    /// <summary>HYP4005 at a try point's assignment to a name that is not a parameter.</summary>
    internal static Diagnostic TryUnknownParameter(SourceSpan span, string name, string experiment, string? didYouMean) =>
        Create(TryUnknownParameterDescriptor, span, $"The try point sets '{name}', which is not a parameter of '{experiment}'.", didYouMean);

    // ---- match arms and skip connections ----

    /// <summary>HYP1109 at the first pattern of an arm after the '_' arm (on <paramref name="wildcardLine"/>).</summary>
    internal static Diagnostic ArmAfterWildcard(SourceSpan span, int wildcardLine) =>
        Create(UnreachableArmDescriptor, span,
            $"This arm comes after the '_' arm on line {wildcardLine}, which takes every value, so it is never reached.",
            "Move this arm above the '_' arm, or delete it.");

    /// <summary>HYP1109 at a pattern whose value an earlier arm (on <paramref name="earlierLine"/>) already matches.</summary>
    internal static Diagnostic PatternAlreadyMatched(SourceSpan span, int earlierLine) =>
        Create(UnreachableArmDescriptor, span,
            $"'{DiagnosticText.Excerpt(span.Text)}' is already matched on line {earlierLine}, and the first arm that matches a value takes it, so this pattern never matches.",
            "Delete the repeated pattern (or its arm), or change it to the value it was meant to match.");

    /// <summary>HYP1016 at 'save name' where the tensor saved as name on <paramref name="earlierLine"/> can still be read.</summary>
    internal static Diagnostic DuplicateSkipName(SourceSpan span, string name, int earlierLine) =>
        Create(DuplicateSkipNameDescriptor, span,
            $"'{name}' is already saved on line {earlierLine}, and that tensor can still be read here; one name keeps one tensor.",
            "Give this tensor a name of its own (such as '" + name + "2').");

    /// <summary>HYP1015 at 'concat name' or 'add name' (<paramref name="verb"/>) where no save of name comes before; the help is one of the Skip... helps below.</summary>
    internal static Diagnostic UnknownSkipName(SourceSpan span, string verb, string name, string help) =>
        Create(UnknownSkipNameDescriptor, span,
            $"'{verb} {name}' reads the tensor saved as '{name}', but no 'save {name}' comes before it in this block or a block around it.", help);

    /// <summary>The help of HYP1015 when the name is saved only after the read, on <paramref name="line"/>.</summary>
    internal static string SkipSavedLater(string name, int line) => $"'{name}' is saved only later, on line {line}; save it before this line.";

    /// <summary>The help of HYP1015 when the name is saved (on <paramref name="line"/>) in a block that does not contain the read.</summary>
    internal static string SkipSavedInsideAnotherBlock(string name, int line) =>
        $"'{name}' is saved on line {line}, inside a loop, branch, match arm or residual body that does not contain this line, and a name saved there can be read only inside it. Save it outside that block, before it.";

    /// <summary>The help of HYP1015 when the name is never saved: the names that are (<paramref name="savedBefore"/>, at most 11 taken), else where to save it.</summary>
    internal static string SkipNotSaved(string name, string verb, IReadOnlyList<string> savedBefore) =>
        savedBefore.Count == 0 ? $"Write 'save {name}' where the tensor to {(verb == "concat" ? "join" : "add")} flows, before this line."
            : savedBefore.Count <= 10 ? $"The names saved before this line are {string.Join(", ", savedBefore.Select(n => $"'{n}'"))}."
            : $"Save '{name}' before this line.";

    // ---- values in another framework's convention ----

    /// <summary>HYP1108 at batchnorm's momentum above 0.5: a Keras momentum (the old statistics' weight) given where PyTorch's (the new batch's weight) is meant.</summary>
    internal static Diagnostic KerasMomentum(SourceSpan span, double momentum) =>
        Create(ForeignConventionDescriptor, span,
            $"batchnorm's momentum {momentum.ToString(System.Globalization.CultureInfo.InvariantCulture)} is the weight of each new batch in the running statistics (PyTorch's convention), so they would follow the last batches almost alone; Keras's momentum is the weight of the old statistics instead.",
            $"For Keras's {momentum.ToString(System.Globalization.CultureInfo.InvariantCulture)}, write momentum: {(1 - momentum).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}; PyTorch's default is 0.1.");

    // ---- files, imports and 'extends' ----

    /// <summary>HYP1011 at an experiment or block whose name another declaration (at <paramref name="other"/>) has.</summary>
    internal static Diagnostic DuplicateDeclaration(SourceSpan span, string name, SourceSpan other)
    {
        var where = other.File == span.File ? $"line {other.Start.Line}" : $"{other.File.Path}, line {other.Start.Line}";
        return Create(DuplicateDeclarationDescriptor, span, $"'{name}' is also declared at {where}; experiments and blocks need distinct names.",
            other.File != span.File ? "Rename one of them; imported names share one namespace with the file's own." : "Rename one of them.");
    }

    private const string ImportHelp = "An import names a .hyp spec file by its path relative to the importing file.";

    /// <summary>HYP1206 at an import whose path is not a .hyp file's, or no path at all (<paramref name="reason"/>: why, as a clause).</summary>
    internal static Diagnostic ImportNotSpecFile(SourceSpan span, string shown, string? reason) =>
        Create(ImportNotSpecFileDescriptor, span, $"Cannot import '{shown}': {reason}.", ImportHelp);

    /// <summary>HYP1207 at an import of something other than a regular file.</summary>
    internal static Diagnostic ImportNotRegularFile(SourceSpan span, string shown, string? reason) =>
        Create(ImportNotRegularFileDescriptor, span, $"Cannot import '{shown}': {reason}.", "Only regular .hyp files can be imported.");

    /// <summary>HYP1208 at an import of a file larger than a spec may be.</summary>
    internal static Diagnostic ImportTooLarge(SourceSpan span, string shown, string? reason) =>
        Create(ImportTooLargeDescriptor, span, $"Cannot import '{shown}': {reason}.", "Split it into smaller files.");

    /// <summary>HYP1203 at an import of a file that cannot be read (looked for at <paramref name="path"/>).</summary>
    internal static Diagnostic ImportNotFound(SourceSpan span, string shown, string? reason, string path) =>
        Create(ImportNotFoundDescriptor, span, $"Cannot import '{shown}': {reason} (looked for {path}).", "Import paths are relative to the importing file.");

    /// <summary>HYP1204 at an import that leads back to an importing file (<paramref name="files"/>: the files of the cycle).</summary>
    internal static Diagnostic ImportCycle(SourceSpan span, string shown, IEnumerable<string?> files) =>
        Create(ImportCycleDescriptor, span,
            $"Importing '{shown}' leads back to this file: {string.Join(" -> ", files)}.",
            "Move what both files need into a third file that both import.");

    /// <summary>HYP1209 at an import more than <paramref name="maxDepth"/> files deep.</summary>
    internal static Diagnostic ImportsTooDeep(SourceSpan span, int maxDepth, string? first, string? last, string shown) =>
        Create(TooManyImportsDescriptor, span,
            $"Imports nest more than {maxDepth} files deep here ({first} -> ... -> {last}); '{shown}' was not loaded.",
            "Import the files you need from fewer levels.");

    /// <summary>HYP1209 at the first import past <paramref name="maxFiles"/> files in one compilation.</summary>
    internal static Diagnostic TooManyImportedFiles(SourceSpan span, int maxFiles, string shown) =>
        Create(TooManyImportsDescriptor, span,
            $"The imports of this compilation load more than {maxFiles} files; '{shown}' and any further new file were not loaded.",
            "Gather blocks that belong together into fewer files.");

    /// <summary>HYP1201 at 'extends' of a name that is no experiment.</summary>
    internal static Diagnostic UnknownParent(SourceSpan span, string experiment, string parent, string? didYouMean) =>
        Create(UnknownParentDescriptor, span,
            $"'{experiment}' extends '{parent}', which is not an experiment of this file or of the files it imports.", didYouMean);

    /// <summary>HYP1202 at 'extends' that leads back to the experiment (<paramref name="cycle"/>: the experiments of the cycle).</summary>
    internal static Diagnostic ExtendsCycle(SourceSpan span, string experiment, string parent, IEnumerable<string> cycle) =>
        Create(ExtendsCycleDescriptor, span,
            $"'{experiment}' extends '{parent}', which leads back to it: {string.Join(" -> ", cycle)}.");

    /// <summary>HYP2104 at 'extends' past <see cref="CheckLimits.MaxExtendsDepth"/> (<paramref name="chain"/>: the experiments followed; <paramref name="chainGoesOn"/> when there are more).</summary>
    internal static Diagnostic ExtendsTooDeep(SourceSpan span, string experiment, IReadOnlyList<string> chain, bool chainGoesOn) =>
        Create(ExtendsTooDeepDescriptor, span,
            $"'{experiment}' extends a chain of more than {CheckLimits.MaxExtendsDepth} experiments ({string.Join(" -> ", chain.Take(3))} -> ... -> {string.Join(" -> ", chain.TakeLast(2))}{(chainGoesOn ? " -> ..." : "")}).",
            "Let experiments extend a common base directly rather than each the one before.");
}
