namespace HyperDsl.Runtime.Studies.Storage.Relational;

/// <summary>
/// One study's trials as last read. Finished trials never change (Optuna, like this store, refuses
/// any write to a finished trial, attributes included), so they are kept whole and only trials that
/// are new, running or waiting are read again.
/// </summary>
internal sealed class TrialCache
{
    private readonly List<StoredTrial> _finished = [];
    private readonly HashSet<long> _unfinished = [];

    /// <summary>The highest trial id read so far; every trial above it is new.</summary>
    public long LastTrialId { get; private set; }

    /// <summary>The ids of the trials that were running or waiting when last read.</summary>
    public IReadOnlyList<long> UnfinishedIds => [.. _unfinished];

    /// <summary>
    /// Takes in the trials just read (those above <see cref="LastTrialId"/> and those of
    /// <paramref name="asked"/>) and returns all of the study's trials by number.
    /// </summary>
    public IReadOnlyList<StoredTrial> Update(IReadOnlyList<long> asked, IReadOnlyList<StoredTrial> loaded)
    {
        // A trial asked for but not read was deleted (Optuna's delete_study); forget it.
        foreach (var id in asked)
        {
            _unfinished.Remove(id);
        }

        var current = new List<StoredTrial>();
        foreach (var trial in loaded)
        {
            LastTrialId = Math.Max(LastTrialId, trial.Id);
            if (OptunaEncoding.IsFinished(trial.State))
            {
                Insert(trial);
            }
            else
            {
                _unfinished.Add(trial.Id);
                current.Add(trial);
            }
        }

        current.Sort(ByNumber);
        return Merge(current);
    }

    private static int ByNumber(StoredTrial a, StoredTrial b) => a.Number.CompareTo(b.Number);

    /// <summary>Keeps the finished list in number order; trials nearly always finish in order, so this is an append.</summary>
    private void Insert(StoredTrial trial)
    {
        var at = _finished.Count;
        while (at > 0 && _finished[at - 1].Number > trial.Number)
        {
            at--;
        }

        _finished.Insert(at, trial);
    }

    private StoredTrial[] Merge(List<StoredTrial> current)
    {
        var all = new StoredTrial[_finished.Count + current.Count];
        int f = 0, c = 0;
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = c == current.Count || (f < _finished.Count && _finished[f].Number <= current[c].Number) ? _finished[f++] : current[c++];
        }

        return all;
    }
}
