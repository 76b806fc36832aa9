using System.Globalization;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Runtime.Training;

namespace HyperDsl.Runtime.Studies.TensorBoard;

/// <summary>
/// One trial's TensorBoard event file (a run of its own, <c>trial-N</c>): the HParams session
/// start when it starts, the experiment summary with its first epoch (when the metrics it reports
/// are known), each epoch's scalars, and at the end its objective values and the session end.
/// </summary>
internal sealed class TrialEventFile : IDisposable
{
    private readonly TfRecordWriter _records;
    private readonly HParamsMessages _hparams;
    private readonly IReadOnlyList<Objective> _objectives;
    private readonly string _experimentName;
    private bool _experimentWritten;
    private long _lastStep;

    public TrialEventFile(string folder, int trial, HParamsMessages hparams, IReadOnlyList<Objective> objectives, string experimentName, double wallTime)
    {
        Directory.CreateDirectory(folder);

        // TensorBoard reads every file whose name holds "tfevents"; a trial resumed or promoted by
        // another process (or later) adds its own file beside the first one.
        var name = string.Create(CultureInfo.InvariantCulture, $"events.out.tfevents.{(long)wallTime}.{Environment.MachineName}.{Environment.ProcessId}.{trial}");
        var path = Path.Combine(folder, name);
        for (var copy = 1; File.Exists(path); copy++)
        {
            path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{name}.{copy}"));
        }

        _records = new TfRecordWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read));
        _hparams = hparams;
        _objectives = objectives;
        _experimentName = experimentName;
        _records.Write(TensorBoardEvents.FileVersion(wallTime));
    }

    public void Started(IReadOnlyDictionary<string, object> parameters, double wallTime) =>
        _records.Write(TensorBoardEvents.HParams(wallTime, TensorBoardEvents.SessionStartTag, data => _hparams.SessionStart(data, parameters, wallTime)));

    public void Epoch(EpochMetrics metrics, double wallTime)
    {
        var scalars = EpochScalars.Of(metrics);
        WriteExperiment(scalars, wallTime);
        _lastStep = metrics.Epoch;
        _records.Write(TensorBoardEvents.Scalars(wallTime, metrics.Epoch, scalars));
    }

    public void Finished(StoredTrial trial, double wallTime)
    {
        WriteExperiment([], wallTime);
        if (trial.Values is { } values)
        {
            var objectives = _objectives.Zip(values, (objective, value) => EpochScalars.Objective(objective, value));
            _records.Write(TensorBoardEvents.Scalars(wallTime, _lastStep, objectives));
        }

        // The plugin keeps a session's first status for good, so a trial that is to go on
        // (interrupted, waiting to be resumed) gets none; its retry ends the session.
        if (StatusOf(trial.State) is { } status)
        {
            _records.Write(TensorBoardEvents.HParams(wallTime, TensorBoardEvents.SessionEndTag, data => HParamsMessages.SessionEnd(data, status, wallTime)));
        }
    }

    public void Dispose() => _records.Dispose();

    /// <summary>A pruned trial ended as the study meant it to (its curves just stop early), so it counts as a success.</summary>
    private static HParamsStatus? StatusOf(TrialState state) => state switch
    {
        TrialState.Complete or TrialState.Pruned => HParamsStatus.Success,
        TrialState.Failed => HParamsStatus.Failure,
        _ => null,
    };

    /// <summary>The experiment lists the model's metrics the first epoch reported, and the objectives.</summary>
    private void WriteExperiment(IEnumerable<TensorBoardScalar> epochScalars, double wallTime)
    {
        if (_experimentWritten)
        {
            return;
        }

        _experimentWritten = true;
        var metrics = epochScalars
            .Where(EpochScalars.IsMetric)
            .Concat(_objectives.Select(o => EpochScalars.Objective(o, 0)))
            .ToList();
        _records.Write(TensorBoardEvents.HParams(wallTime, TensorBoardEvents.ExperimentTag, data => _hparams.Experiment(data, _experimentName, wallTime, metrics)));
    }
}
