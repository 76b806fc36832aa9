using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using HyperDsl.Compiler.Binding;
using HyperDsl.Compiler.Catalog;
using HyperDsl.Compiler.Semantics;
using HyperDsl.Syntax.Ast;

namespace HyperDsl.Compiler.Lowering;

/// <summary>
/// The canonical text of what an experiment means: the identity behind the study hash and behind
/// a conditional parameter's condition. Two specs that say the same thing write the same text
/// however they are laid out, commented or spelled: arguments are named by the parameter they
/// bind (positional or named, in the parameter's order), names by what they resolve to (a
/// parameter, a block parameter, a loop variable, a keyword, a choice), numbers in one notation
/// (<c>1e-3</c> and <c>0.001</c> alike), settings by name.
/// </summary>
/// <remarks>
/// The format is stable: a stored study continues only under the same hash, so any change to what
/// this writes starts a new version of every user's study. Such a change must raise
/// <see cref="Version"/> (which the text begins with) and update the pinned hashes in
/// <c>CanonicalTextTests</c>; docs/studies.md says what users see. Display text (messages,
/// summaries, baselines) never feeds it.
/// </remarks>
internal sealed class CanonicalText
{
    /// <summary>The format's version, the first line of an experiment's text.</summary>
    public const int Version = 1;

    private readonly SemanticModel _model;
    private readonly ExpressionLowerer _lowerer;
    private readonly StringBuilder _text = new();
    private int _indent;

    private CanonicalText(SemanticModel model)
    {
        _model = model;
        _lowerer = new ExpressionLowerer(model);
    }

    /// <summary>
    /// The text of everything a trial's result depends on: the parameters and constraints, the
    /// model and the blocks it may use, the data and train sections, and the objectives; not the
    /// budget (<c>trials</c>, <c>timeout</c>, <c>sampler</c>, <c>pruner</c>, <c>parallel</c>, <c>try</c>).
    /// </summary>
    public static string Of(BoundExperiment bound)
    {
        ArgumentNullException.ThrowIfNull(bound);
        var writer = new CanonicalText(bound.Model);
        writer.Experiment(bound);
        return writer._text.ToString();
    }

    /// <summary>The text of one expression (a condition, say) as it means in <paramref name="model"/>.</summary>
    public static string Of(ExpressionSyntax expression, SemanticModel model)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(model);
        var writer = new CanonicalText(model);
        writer.Expression(expression);
        return writer._text.ToString();
    }

    private void Experiment(BoundExperiment bound)
    {
        var experiment = bound.Experiment;
        Line($"hyperdsl-experiment/{Version}");
        foreach (var member in experiment.Parameters)
        {
            switch (member)
            {
                case SampledParameterSyntax sampled:
                    Start($"param {Quote(sampled.Name.Name)} ~ ");
                    Expression(sampled.Distribution);
                    Condition(sampled.Condition);
                    End();
                    break;
                case FixedParameterSyntax fixedValue:
                    Start($"param {Quote(fixedValue.Name.Name)} = ");
                    Expression(fixedValue.Value);
                    Condition(fixedValue.Condition);
                    End();
                    break;
            }
        }

        foreach (var constraint in experiment.Constraints)
        {
            Start("require ");
            Expression(constraint.Condition);
            End();
        }

        if (experiment.Model is { } model)
        {
            Body("model", model.Body);
        }

        foreach (var (name, block) in experiment.Blocks.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            Start($"block {Quote(name)}(");
            var first = true;
            foreach (var parameter in block.Syntax.Parameters)
            {
                Append(first ? "" : ", ");
                first = false;
                Append(Quote(parameter.Name.Name));
                if (parameter.Type is { } type)
                {
                    Append($": {Quote(type.Name.Name)}{(type.IsOptional ? "?" : "")}");
                }

                if (parameter.Default is { } value)
                {
                    Append(" = ");
                    Expression(value);
                }
            }

            Append(")");
            End();
            Statements(block.Syntax.Body);
        }

        Settings(bound, SectionKind.Data);
        Settings(bound, SectionKind.Train);
        foreach (var objective in experiment.SettingsOf(SectionKind.Tune).OfType<ObjectiveSettingSyntax>().SelectMany(s => s.Objectives))
        {
            Start($"objective {(objective.Direction == OptimizationDirection.Maximize ? "maximize" : "minimize")} ");
            Expression(objective.Metric);
            End();
        }
    }

    // Settings by name (a stable sort: repeated ones such as 'augment' keep their order).
    private void Settings(BoundExperiment bound, SectionKind section)
    {
        var keyword = section == SectionKind.Data ? "data" : "train";
        foreach (var setting in bound.Experiment.SettingsOf(section).OrderBy(s => s.Name.Name, StringComparer.Ordinal))
        {
            switch (setting)
            {
                case ValueSettingSyntax value:
                    var spec = BuiltinCatalog.Settings.GetValueOrDefault((section, value.Name.Name));
                    Start($"{keyword} {Quote(value.Name.Name)}");
                    Arguments(spec?.Arguments ?? [], value.Arguments);
                    End();
                    break;
                case BlockSettingSyntax block:
                    Body($"{keyword} {Quote(block.Name.Name)}", block.Body);
                    break;
            }
        }
    }

    private void Body(string header, ImmutableArray<StatementSyntax> body)
    {
        Line(header);
        Statements(body);
    }

    private void Statements(ImmutableArray<StatementSyntax> statements)
    {
        _indent++;
        foreach (var statement in statements)
        {
            Statement(statement);
        }

        _indent--;
        Line("end");
    }

    private void Statement(StatementSyntax statement)
    {
        switch (statement)
        {
            case LayerSyntax layer:
                Start("");
                Layer(layer);
                End();
                break;
            case ForSyntax loop:
                Start($"for {Quote(loop.Variable.Name)} in ");
                Expression(loop.Range);
                End();
                Statements(loop.Body);
                break;
            case IfStatementSyntax branch:
                Start("if ");
                Expression(branch.Condition);
                End();
                Statements(branch.Then);
                Line("else");
                Statements(branch.Else);
                break;
            case MatchStatementSyntax match:
                Start("match ");
                Expression(match.Subject);
                End();
                foreach (var arm in match.Arms)
                {
                    Start("arm ");
                    Patterns(arm.Patterns);
                    End();
                    Statements(arm.Body);
                }

                Line("end");
                break;
            case FreezeSyntax freeze:
                Line(freeze.All ? "freeze all" : "freeze " + string.Join(", ", freeze.Layers.Select(Path)));
                break;
            case ReplaceSyntax replace:
                Start($"replace {Path(replace.Target)} with ");
                Layer(replace.Replacement);
                End();
                break;
            case ResidualSyntax residual:
                Start("residual");
                Arguments([.. ResidualParameterNames.Select(n => new ArgSpec(n, [], [], false, null, null, ""))], residual.Arguments);
                End();
                Statements(residual.Body);
                break;
            default:
                throw new NotSupportedException($"the statement {statement.GetType().Name} has no canonical form");
        }
    }

    private static readonly ImmutableArray<string> ResidualParameterNames = ["projection"];

    private static string Path(LayerPathSyntax path) => string.Join(".", path.Segments.Select(s => Quote(s.Name)));

    private void Layer(LayerSyntax layer)
    {
        switch (_model.GetResolution(layer))
        {
            case CatalogEntry entry:
                Append($"({entry.Name}");
                Arguments(entry.Parameters, layer.Arguments);
                Append(")");
                break;
            case BlockSymbol block:
                Append($"(block {Quote(block.Name)}");
                Arguments([.. block.Parameters.Select(p => new ArgSpec(p.Name, [], [], false, null, null, ""))], layer.Arguments);
                Append(")");
                break;
            default:
                Append($"(unresolved {Quote(layer.Name.Name)}");
                Arguments([], layer.Arguments);
                Append(")");
                break;
        }
    }

    private void Arguments(ImmutableArray<ArgSpec> parameters, ImmutableArray<ArgumentSyntax> arguments) =>
        Arguments(_lowerer.Arguments(parameters, arguments));

    private void Arguments(ImmutableArray<LoweredArgument> arguments)
    {
        foreach (var argument in arguments)
        {
            Append($" {Quote(argument.Parameter)}=");
            Write(argument.Value);
        }
    }

    private void Condition(ExpressionSyntax? condition)
    {
        if (condition is not null)
        {
            Append(" when ");
            Expression(condition);
        }
    }

    private void Patterns(ImmutableArray<PatternSyntax> patterns) => Patterns(_lowerer.Patterns(patterns));

    private void Patterns(ImmutableArray<LoweredExpression?> patterns)
    {
        var first = true;
        foreach (var pattern in patterns)
        {
            Append(first ? "" : " | ");
            first = false;
            if (pattern is null)
            {
                Append("_");
            }
            else
            {
                Write(pattern);
            }
        }
    }

    private void Expression(ExpressionSyntax expression) => Write(_lowerer.Lower(expression));

    // A name by what it stands for, so a parameter and a keyword spelled alike never meet.
    private void Write(LoweredExpression expression)
    {
        switch (expression)
        {
            case LoweredLiteral literal:
                Append(literal.Value switch
                {
                    IntValue number => number.Value.ToString(CultureInfo.InvariantCulture),
                    FloatValue number => Real(number.Value),
                    StringValue text => Quote(text.Value),
                    BoolValue flag => flag.Value ? "true" : "false",
                    DurationValue duration => $"(duration {Real(duration.Value.TotalSeconds)}s)",
                    var other => $"(value {Quote(other.Display)})",
                });
                break;
            case LoweredQuantity quantity:
                Append($"(quantity {quantity.Unit.ToString().ToLowerInvariant()} ");
                Write(quantity.Amount);
                Append(")");
                break;
            case LoweredParameterReference reference:
                Append($"$param:{Quote(reference.Parameter.Name)}");
                break;
            case LoweredBlockParameterReference reference:
                Append($"$block_param:{Quote(reference.Parameter.Name)}");
                break;
            case LoweredLoopVariable variable:
                Append($"$loop:{Quote(variable.Variable.Name)}");
                break;
            case LoweredChoice choice:
                Append($"$choice:{Quote(choice.Choice.Member)}");
                break;
            case LoweredKeyword keyword:
                Append($"$keyword:{Quote(keyword.Keyword)}");
                break;
            case LoweredModelStatistic statistic:
                Append($"$model:{Quote(statistic.Name)}");
                break;
            case LoweredCall call:
                Append($"({call.Entry.Name}");
                Arguments(call.Arguments);
                Append(")");
                break;
            case LoweredList list:
                Append("[");
                for (var i = 0; i < list.Items.Length; i++)
                {
                    Append(i == 0 ? "" : ", ");
                    Write(list.Items[i]);
                }

                Append("]");
                break;
            case LoweredIndex index:
                Append("(index ");
                Write(index.Target);
                Append(" ");
                Write(index.Index);
                Append(")");
                break;
            case LoweredBinary binary:
                Append($"({OperatorText.Of(binary.Operator)} ");
                Write(binary.Left);
                Append(" ");
                Write(binary.Right);
                Append(")");
                break;
            case LoweredUnary unary:
                Append($"({(unary.Operator == UnaryOperator.Negate ? "negate" : OperatorText.Of(unary.Operator))} ");
                Write(unary.Operand);
                Append(")");
                break;
            case LoweredIf choice:
                Append("(if ");
                Write(choice.Condition);
                Append(" ");
                Write(choice.Then);
                Append(" ");
                Write(choice.Else);
                Append(")");
                break;
            case LoweredMatch match:
                Append("(match ");
                Write(match.Subject);
                foreach (var arm in match.Arms)
                {
                    Append(" (");
                    Patterns(arm.Patterns);
                    Append(" => ");
                    Write(arm.Value);
                    Append(")");
                }

                Append(")");
                break;
            default:
                Append($"(unresolved {Quote(((LoweredUnresolved)expression).Text)})");
                break;
        }
    }

    // Round-trip notation, always with a point or an exponent so a real never reads as an int.
    private static string Real(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) || !double.IsFinite(value) ? text : text + ".0";
    }

    private static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when c < ' ' || char.IsControl(c) || char.IsSurrogate(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    private void Line(string text)
    {
        Start(text);
        End();
    }

    private void Start(string text) => _text.Append(' ', _indent * 2).Append(text);

    private void Append(string text) => _text.Append(text);

    private void End() => _text.Append('\n');
}
