using System.Collections.Immutable;
using System.Globalization;
using System.Text;
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

    private readonly StringBuilder _text = new();
    private int _indent;

    /// <summary>
    /// The text of everything a trial's result depends on: the parameters and constraints, the
    /// model and the blocks it may use, the data and train sections, and the objectives; not the
    /// budget (<c>trials</c>, <c>timeout</c>, <c>sampler</c>, <c>pruner</c>, <c>parallel</c>, <c>try</c>).
    /// </summary>
    public static string Of(LoweredExperiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var writer = new CanonicalText();
        writer.Experiment(experiment);
        return writer._text.ToString();
    }

    /// <summary>The text of one expression (a condition, say).</summary>
    public static string Of(LoweredExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var writer = new CanonicalText();
        writer.Write(expression);
        return writer._text.ToString();
    }

    /// <summary>The text of one statement (with its body), as the experiment's text writes it: what <c>hyp diff</c> aligns models by.</summary>
    public static string Of(LoweredStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var writer = new CanonicalText();
        writer.Statement(statement);
        return writer._text.ToString();
    }

    /// <summary>The text of one setting's arguments or body (a <c>try</c>-less tune setting too), without its name.</summary>
    public static string Of(LoweredSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var writer = new CanonicalText();
        if (setting.Body is { } body)
        {
            writer.Statements(body);
        }
        else
        {
            writer.Arguments(setting.Arguments);
        }

        return writer._text.ToString();
    }

    /// <summary>How the text writes a use of the experiment parameter <paramref name="name"/>.</summary>
    public static string ParameterReference(string name) => $"$param:{Quote(name)}";

    private void Experiment(LoweredExperiment experiment)
    {
        Line($"hyperdsl-experiment/{Version}");
        foreach (var parameter in experiment.Parameters)
        {
            Start($"param {Quote(parameter.Name)} {(parameter.IsSampled ? "~" : "=")} ");
            Write(parameter.Definition);
            if (parameter.Condition is { } condition)
            {
                Append(" when ");
                Write(condition);
            }

            End();
        }

        foreach (var constraint in experiment.Constraints)
        {
            Start("require ");
            Write(constraint.Condition);
            End();
        }

        if (experiment.Model is { } model)
        {
            Line("model");
            Statements(model);
        }

        foreach (var block in experiment.Blocks)
        {
            Start($"block {Quote(block.Symbol.Name)}(");
            var first = true;
            foreach (var parameter in block.Parameters)
            {
                Append(first ? "" : ", ");
                first = false;
                Append(Quote(parameter.Name));
                if (parameter.TypeName is { } type)
                {
                    Append($": {Quote(type)}{(parameter.IsOptional ? "?" : "")}");
                }

                if (parameter.Default is { } value)
                {
                    Append(" = ");
                    Write(value);
                }
            }

            Append(")");
            End();
            Statements(block.Body);
        }

        Settings("data", experiment.Data);
        Settings("train", experiment.Train);
        foreach (var objective in experiment.Objectives)
        {
            Start($"objective {(objective.Direction == OptimizationDirection.Maximize ? "maximize" : "minimize")} ");
            Write(objective.Metric);
            End();
        }
    }

    // Settings by name (a stable sort: repeated ones such as 'augment' keep their order).
    private void Settings(string keyword, ImmutableArray<LoweredSetting> settings)
    {
        foreach (var setting in settings.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            if (setting.Body is { } body)
            {
                Line($"{keyword} {Quote(setting.Name)}");
                Statements(body);
            }
            else
            {
                Start($"{keyword} {Quote(setting.Name)}");
                Arguments(setting.Arguments);
                End();
            }
        }
    }

    private void Statements(ImmutableArray<LoweredStatement> statements)
    {
        _indent++;
        foreach (var statement in statements)
        {
            Statement(statement);
        }

        _indent--;
        Line("end");
    }

    private void Statement(LoweredStatement statement)
    {
        switch (statement)
        {
            case LoweredLayer or LoweredBlockUse or LoweredUnresolvedLayer:
                Start("");
                Layer(statement);
                End();
                break;
            case LoweredFor loop:
                Start($"for {Quote(loop.Variable)} in ");
                Write(loop.Range);
                End();
                Statements(loop.Body);
                break;
            case LoweredIfStatement branch:
                Start("if ");
                Write(branch.Condition);
                End();
                Statements(branch.Then);
                Line("else");
                Statements(branch.Else);
                break;
            case LoweredMatchStatement match:
                Start("match ");
                Write(match.Subject);
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
            case LoweredFreeze freeze:
                Line(freeze.All ? "freeze all" : "freeze " + string.Join(", ", freeze.Layers.Select(Path)));
                break;
            case LoweredReplace replace:
                Start($"replace {Path(replace.Target)} with ");
                Layer(replace.Replacement);
                End();
                break;
            case LoweredResidual residual:
                Start("residual");
                Arguments(residual.Arguments);
                End();
                Statements(residual.Body);
                break;
            case LoweredSkip skip:
                Line($"{skip.Kind.ToString().ToLowerInvariant()} {Quote(skip.Name)}");
                break;
            default:
                throw new NotSupportedException($"the statement {statement.GetType().Name} has no canonical form");
        }
    }

    private static string Path(ImmutableArray<string> path) => string.Join(".", path.Select(Quote));

    private void Layer(LoweredStatement layer)
    {
        switch (layer)
        {
            case LoweredLayer known:
                Append($"({known.Entry.Name}");
                Arguments(known.Arguments);
                break;
            case LoweredBlockUse block:
                Append($"(block {Quote(block.Block.Name)}");
                Arguments(block.Arguments);
                break;
            case LoweredUnresolvedLayer unknown:
                Append($"(unresolved {Quote(unknown.Name)}");
                Arguments(unknown.Arguments);
                break;
        }

        Append(")");
    }

    private void Arguments(ImmutableArray<LoweredArgument> arguments)
    {
        foreach (var argument in arguments)
        {
            Append($" {Quote(argument.Parameter)}=");
            Write(argument.Value);
        }
    }

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
                Append(ParameterReference(reference.Parameter.Name));
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
            case LoweredLayerName layer:
                // Version 1 of this text was written before layer names had a node of their own,
                // when they lowered as unresolved names; kept so that studies keep their hash.
                Append($"(unresolved {Quote(layer.Name)})");
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

    // Not SyntaxTreePrinter's quoting, on purpose: the debug printer may change with its
    // baselines, while every character this writes is part of stored study hashes.
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
