namespace HyperDsl.Runtime.Studies.TensorBoard;

/// <summary>
/// TensorBoard's <c>Event</c> messages (tensorflow/core/util/event.proto) holding a <c>Summary</c>
/// (tensorflow/core/framework/summary.proto): scalars for the Scalars plugin, and HParams plugin
/// data (tensorboard/plugins/hparams/plugin_data.proto) under the plugin's fixed tags.
/// </summary>
internal static class TensorBoardEvents
{
    public const string ExperimentTag = "_hparams_/experiment";
    public const string SessionStartTag = "_hparams_/session_start_info";
    public const string SessionEndTag = "_hparams_/session_end_info";

    /// <summary>The first record of every event file: it names the format version.</summary>
    public static byte[] FileVersion(double wallTime) =>
        new ProtoWriter().Double(EventField.WallTime, wallTime).String(EventField.FileVersion, "brain.Event:2").ToArray();

    /// <summary>Scalar summaries at one step (TensorBoard's <c>simple_value</c>, a float).</summary>
    public static byte[] Scalars(double wallTime, long step, IEnumerable<TensorBoardScalar> scalars) =>
        new ProtoWriter()
            .Double(EventField.WallTime, wallTime)
            .Varint(EventField.Step, step)
            .Message(EventField.Summary, summary =>
            {
                foreach (var scalar in scalars)
                {
                    summary.Message(SummaryField.Value, value => value.String(ValueField.Tag, scalar.Tag).Float(ValueField.SimpleValue, (float)scalar.Value));
                }
            })
            .ToArray();

    /// <summary>
    /// One HParams plugin summary: a value with no data of its own whose metadata carries an
    /// <c>HParamsPluginData</c> (version 0) that <paramref name="data"/> completes with its one
    /// <c>experiment</c>, <c>session_start_info</c> or <c>session_end_info</c> field.
    /// </summary>
    public static byte[] HParams(double wallTime, string tag, Action<ProtoWriter> data)
    {
        var pluginData = new ProtoWriter().Varint(HParamsField.Version, 0);
        data(pluginData);
        var content = pluginData.ToArray();
        return new ProtoWriter()
            .Double(EventField.WallTime, wallTime)
            .Message(EventField.Summary, summary => summary.Message(SummaryField.Value, value => value
                .String(ValueField.Tag, tag)
                .Message(ValueField.Metadata, metadata => metadata.Message(MetadataField.PluginData, plugin => plugin
                    .String(PluginDataField.PluginName, "hparams")
                    .Bytes(PluginDataField.Content, content)))))
            .ToArray();
    }

    /// <summary>tensorflow.Event.</summary>
    internal static class EventField
    {
        public const int WallTime = 1;
        public const int Step = 2;
        public const int FileVersion = 3;
        public const int Summary = 5;
    }

    /// <summary>tensorflow.Summary.</summary>
    internal static class SummaryField
    {
        public const int Value = 1;
    }

    /// <summary>tensorflow.Summary.Value.</summary>
    internal static class ValueField
    {
        public const int Tag = 1;
        public const int SimpleValue = 2;
        public const int Metadata = 9;
    }

    /// <summary>tensorflow.SummaryMetadata.</summary>
    internal static class MetadataField
    {
        public const int PluginData = 1;
    }

    /// <summary>tensorflow.SummaryMetadata.PluginData.</summary>
    internal static class PluginDataField
    {
        public const int PluginName = 1;
        public const int Content = 2;
    }

    /// <summary>tensorboard.hparams.HParamsPluginData.</summary>
    internal static class HParamsField
    {
        public const int Version = 1;
        public const int Experiment = 2;
        public const int SessionStartInfo = 3;
        public const int SessionEndInfo = 4;
    }
}

/// <summary>One scalar of a step, with the dataset it was measured on (for the HParams metric list).</summary>
internal sealed record TensorBoardScalar(string Tag, double Value, HParamsDataset Dataset);

/// <summary>tensorboard.hparams.DatasetType.</summary>
internal enum HParamsDataset
{
    Unknown = 0,
    Training = 1,
    Validation = 2,
}
