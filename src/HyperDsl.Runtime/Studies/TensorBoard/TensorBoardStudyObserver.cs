using System.Threading.Channels;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Runtime.Training;

namespace HyperDsl.Runtime.Studies.TensorBoard;

/// <summary>
/// Writes each trial this process runs as a TensorBoard run, <c>DIR/&lt;study&gt;/trial-&lt;number&gt;/</c>:
/// per-epoch scalars (train loss, the validation metrics, the learning rate), the trial's
/// objective values, and the HParams plugin's experiment (the space's domains), session start
/// (the trial's parameters) and session end (its status), so that TensorBoard's HParams table
/// and parallel-coordinates view show the study.
/// </summary>
/// <remarks>
/// Training threads only queue the events; one background task writes them, so a slow disk does
/// not hold up an epoch. A write that fails stops the output (reported once through the warning
/// callback) and never the trial. Dispose waits for what is queued to be written.
/// </remarks>
public sealed class TensorBoardStudyObserver : IStudyObserver, IDisposable
{
    private readonly string _directory;
    private readonly HParamsMessages _hparams;
    private readonly IReadOnlyList<Objective> _objectives;
    private readonly Action<string> _warn;
    private readonly Channel<Action> _queue = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    // Touched only by the writer task.
    private readonly Dictionary<int, TrialEventFile> _open = [];
    private string _study = "study";
    private bool _failed;

    /// <param name="directory">The folder given to <c>--tensorboard</c>; check it with <see cref="WritableProblem"/> first.</param>
    /// <param name="space">The study's search space (the HParams domains).</param>
    /// <param name="objectives">The study's objectives (their values end each trial's run).</param>
    /// <param name="warn">Told, once, why the output stopped when a write fails.</param>
    public TensorBoardStudyObserver(string directory, IReadOnlyList<ParameterSpace> space, IReadOnlyList<Objective> objectives, Action<string> warn)
    {
        _directory = Path.GetFullPath(directory);
        _hparams = new HParamsMessages(space);
        _objectives = objectives;
        _warn = warn;
        _writer = Task.Run(WriteQueued);
    }

    /// <summary>Why TensorBoard output cannot go to <paramref name="directory"/> (it is created if missing), or null when it can.</summary>
    public static string? WritableProblem(string directory)
    {
        try
        {
            var full = Path.GetFullPath(directory);
            Directory.CreateDirectory(full);
            var probe = Path.Combine(full, $".hyp-write-test-{Environment.ProcessId}-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"cannot write TensorBoard files to '{directory}': {error.Message}";
        }
    }

    /// <summary>The folder of a study's trial, as <c>DIR/&lt;study&gt;/trial-&lt;number&gt;</c> (characters a file name cannot hold become '_').</summary>
    public static string TrialFolder(string directory, string study, int trial)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string([.. study.Select(c => invalid.Contains(c) ? '_' : c)]);
        return Path.Combine(directory, safe is "." or ".." ? "_" : safe, $"trial-{trial}");
    }

    /// <inheritdoc />
    public void StudyStarted(StudyStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        Enqueue(() => _study = start.Version.StudyName);
    }

    /// <inheritdoc />
    public void TrialStarted(int number, IReadOnlyDictionary<string, object> parameters, string origin)
    {
        var now = Now();
        var values = parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        Enqueue(() =>
        {
            Close(number);
            var file = new TrialEventFile(TrialFolder(_directory, _study, number), number, _hparams, _objectives, _study, now);
            _open[number] = file;
            file.Started(values, now);
        });
    }

    /// <inheritdoc />
    public void EpochFinished(int number, EpochMetrics metrics, int epochs)
    {
        var now = Now();
        Enqueue(() => _open.GetValueOrDefault(number)?.Epoch(metrics, now));
    }

    /// <inheritdoc />
    public void TrialFinished(StoredTrial trial, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var now = Now();
        Enqueue(() =>
        {
            _open.GetValueOrDefault(trial.Number)?.Finished(trial, now);
            Close(trial.Number);
        });
    }

    /// <inheritdoc />
    public void StudyFinished(StudyResult result) => Enqueue(CloseAll);

    /// <summary>Writes what is queued and closes the files.</summary>
    public void Dispose()
    {
        Enqueue(CloseAll);
        _queue.Writer.TryComplete();
        _writer.GetAwaiter().GetResult();
    }

    private static double Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    private void Enqueue(Action write) => _queue.Writer.TryWrite(write);

    private async Task WriteQueued()
    {
        await foreach (var write in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (_failed)
            {
                continue;
            }

            try
            {
                write();
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                _failed = true;
                CloseAll();
                _warn($"TensorBoard output to '{_directory}' stopped: {error.Message}");
            }
        }
    }

    private void Close(int number)
    {
        if (_open.Remove(number, out var file))
        {
            file.Dispose();
        }
    }

    private void CloseAll()
    {
        foreach (var number in _open.Keys.ToList())
        {
            try
            {
                Close(number);
            }
            catch (IOException)
            {
                // Closing flushes nothing new (every record is flushed when written); a file that cannot close is left to the OS.
            }
        }
    }
}
