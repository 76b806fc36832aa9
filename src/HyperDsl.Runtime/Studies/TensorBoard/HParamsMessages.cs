using System.Globalization;
using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Studies.TensorBoard;

/// <summary>
/// The HParams plugin's messages for a study's space (tensorboard/plugins/hparams/api.proto and
/// plugin_data.proto): the experiment (each parameter's type and domain, the metrics) and a
/// session's start (its parameter values, typed as the experiment types them) and end (its status).
/// </summary>
internal sealed class HParamsMessages
{
    private readonly IReadOnlyList<ParameterSpace> _space;
    private readonly Dictionary<string, HParamsType> _types;

    public HParamsMessages(IReadOnlyList<ParameterSpace> space)
    {
        _space = space;
        _types = space.ToDictionary(p => p.Name, TypeOf, StringComparer.Ordinal);
    }

    /// <summary>Writes an <c>Experiment</c> as the plugin data's <c>experiment</c> field.</summary>
    public void Experiment(ProtoWriter pluginData, string name, double created, IEnumerable<TensorBoardScalar> metrics) =>
        pluginData.Message(TensorBoardEvents.HParamsField.Experiment, experiment =>
        {
            experiment.String(ExperimentField.Name, name).Double(ExperimentField.TimeCreated, created);
            foreach (var parameter in _space)
            {
                experiment.Message(ExperimentField.HParamInfo, info => Info(info, parameter));
            }

            foreach (var metric in metrics)
            {
                experiment.Message(ExperimentField.MetricInfo, info => info
                    .Message(MetricInfoField.Name, metricName => metricName.String(MetricNameField.Tag, metric.Tag))
                    .Varint(MetricInfoField.DatasetType, (int)metric.Dataset));
            }
        });

    /// <summary>Writes a <c>SessionStartInfo</c>: the trial's parameter values (a conditional parameter the trial did not use is left out).</summary>
    public void SessionStart(ProtoWriter pluginData, IReadOnlyDictionary<string, object> parameters, double started) =>
        pluginData.Message(TensorBoardEvents.HParamsField.SessionStartInfo, start =>
        {
            foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var type = _types.GetValueOrDefault(name, HParamsType.String);
                start.Message(SessionStartField.HParams, entry => entry
                    .String(MapEntryField.Key, name)
                    .Message(MapEntryField.Value, v => Value(v, type, value)));
            }

            start.Double(SessionStartField.StartTime, started);
        });

    /// <summary>Writes a <c>SessionEndInfo</c>.</summary>
    public static void SessionEnd(ProtoWriter pluginData, HParamsStatus status, double ended) =>
        pluginData.Message(TensorBoardEvents.HParamsField.SessionEndInfo, end => end
            .Varint(SessionEndField.Status, (int)status)
            .Double(SessionEndField.EndTime, ended));

    private void Info(ProtoWriter info, ParameterSpace parameter)
    {
        var type = _types[parameter.Name];
        info.String(HParamInfoField.Name, parameter.Name).Varint(HParamInfoField.Type, (int)type);
        switch (parameter)
        {
            case FloatSpace range:
                Interval(info, range.Low, range.High);
                break;
            case IntSpace range:
                Interval(info, range.Low, range.High);
                break;
            case CategoricalSpace choice:
                info.Message(HParamInfoField.DomainDiscrete, list =>
                {
                    foreach (var option in choice.Choices)
                    {
                        list.Message(ListValueField.Values, v => Value(v, type, option));
                    }
                });
                break;
        }
    }

    private static void Interval(ProtoWriter info, double low, double high) =>
        info.Message(HParamInfoField.DomainInterval, interval => interval.Double(IntervalField.Min, low).Double(IntervalField.Max, high));

    /// <summary>A range is a number; a choice is a number or a bool when all its options are, else text (so every value of one parameter has the one type the plugin expects).</summary>
    private static HParamsType TypeOf(ParameterSpace parameter) => parameter switch
    {
        CategoricalSpace choice when choice.Choices.All(c => c is bool) => HParamsType.Bool,
        CategoricalSpace choice when choice.Choices.All(IsNumber) => HParamsType.Float64,
        CategoricalSpace => HParamsType.String,
        _ => HParamsType.Float64,
    };

    private static bool IsNumber(object value) => value is double or float or int or long or decimal;

    /// <summary>A google.protobuf.Value of <paramref name="type"/>.</summary>
    private static void Value(ProtoWriter value, HParamsType type, object raw)
    {
        switch (type)
        {
            case HParamsType.Float64 when IsNumber(raw):
                value.Double(ValueField.Number, Convert.ToDouble(raw, CultureInfo.InvariantCulture));
                break;
            case HParamsType.Bool when raw is bool flag:
                value.Bool(ValueField.Bool, flag);
                break;
            default:
                value.String(ValueField.String, Text(raw));
                break;
        }
    }

    private static string Text(object value) => value switch
    {
        bool flag => flag ? "true" : "false",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static class ExperimentField
    {
        public const int TimeCreated = 3;
        public const int HParamInfo = 4;
        public const int MetricInfo = 5;
        public const int Name = 6;
    }

    private static class HParamInfoField
    {
        public const int Name = 1;
        public const int Type = 4;
        public const int DomainDiscrete = 5;
        public const int DomainInterval = 6;
    }

    private static class IntervalField
    {
        public const int Min = 1;
        public const int Max = 2;
    }

    private static class MetricInfoField
    {
        public const int Name = 1;
        public const int DatasetType = 5;
    }

    private static class MetricNameField
    {
        public const int Tag = 2;
    }

    private static class SessionStartField
    {
        public const int HParams = 1;
        public const int StartTime = 5;
    }

    private static class SessionEndField
    {
        public const int Status = 1;
        public const int EndTime = 2;
    }

    /// <summary>A map entry on the wire.</summary>
    private static class MapEntryField
    {
        public const int Key = 1;
        public const int Value = 2;
    }

    /// <summary>google.protobuf.Value.</summary>
    private static class ValueField
    {
        public const int Number = 2;
        public const int String = 3;
        public const int Bool = 4;
    }

    /// <summary>google.protobuf.ListValue.</summary>
    private static class ListValueField
    {
        public const int Values = 1;
    }
}

/// <summary>tensorboard.hparams.DataType.</summary>
internal enum HParamsType
{
    String = 1,
    Bool = 2,
    Float64 = 3,
}

/// <summary>tensorboard.hparams.Status.</summary>
internal enum HParamsStatus
{
    Unknown = 0,
    Success = 1,
    Failure = 2,
    Running = 3,
}
