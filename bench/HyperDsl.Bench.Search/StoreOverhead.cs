using System.Diagnostics;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Bench.Search;

/// <summary>
/// The overhead study with every trial going through a SQLite study store, as a worker would run
/// it: read the study's trials, make the sampler's records, start a trial, record each suggested
/// parameter, finish the trial. A fresh temporary file per study.
/// </summary>
internal static class StoreOverhead
{
    public static double[] Measure(ISampler sampler, int count)
    {
        var folder = Directory.CreateTempSubdirectory("hyperdsl-bench-store-");
        try
        {
            using var store = SqliteStudyStore.Open(Path.Combine(folder.FullName, "overhead.db"));
            var study = store.CreateStudy("overhead", [StudyDirection.Minimize]);
            var times = new double[count];
            for (var i = 0; i < count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var history = store.Trials(study).Select(t => t.ToRecord()).ToList();
                var trial = store.CreateRunningTrial(study);
                var suggestions = new StoredSuggestions(sampler.StartTrial(history, trial.Number), store, trial.Id);
                var value = OverheadSpace.Evaluate(suggestions, new Dictionary<string, object>(6));
                store.FinishTrial(trial.Id, TrialState.Complete, [value]);
                times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            return times;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Passes each suggestion on and records it as a parameter of the trial.</summary>
    internal sealed class StoredSuggestions(ITrialSuggestions inner, IStudyStore store, long trialId) : ITrialSuggestions
    {
        public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null)
        {
            var value = inner.SuggestFloat(name, low, high, log, step);
            store.SetParameter(trialId, new FloatSpace(name, low, high, log, step, null), value);
            return value;
        }

        public long SuggestInt(string name, long low, long high, bool log = false, long step = 1)
        {
            var value = inner.SuggestInt(name, low, high, log, step);
            store.SetParameter(trialId, new IntSpace(name, low, high, log, step, null), value);
            return value;
        }

        public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices)
        {
            var value = inner.SuggestCategorical(name, choices);
            store.SetParameter(trialId, new CategoricalSpace(name, [.. choices.Cast<object>()], null), value!);
            return value;
        }
    }
}
