namespace HyperDsl.Runtime.Search;

/// <summary>
/// Every point of a finite space exactly once, in a fixed order (the first parameter varies
/// slowest). The points are found by walking the space's <c>Sample</c> function over every
/// choice, so conditional parameters appear only where they are active. Points already in the
/// history are skipped, so a resumed study never repeats one.
/// </summary>
public sealed class GridSampler : ISampler
{
    /// <summary>
    /// Lists the grid of <paramref name="sample"/> (a generated <c>Sample</c> method), keeping the
    /// points <paramref name="accept"/> allows (the spec's constraints), all when it is null.
    /// </summary>
    /// <exception cref="ArgumentException">A parameter is continuous: a grid needs a step or a choice.</exception>
    public GridSampler(Action<ITrialSuggestions> sample, Func<IReadOnlyDictionary<string, object>, bool>? accept = null)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var points = Enumerate(sample);
        Points = accept is null ? points : [.. points.Where(accept)];
    }

    /// <summary>Every point, in order.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object>> Points { get; }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Every point has been tried.</exception>
    public ITrialSuggestions StartTrial(IReadOnlyList<TrialRecord> history, int number)
    {
        ArgumentNullException.ThrowIfNull(history);
        var tried = history.Select(t => Key(t.Parameters)).ToHashSet(StringComparer.Ordinal);
        var next = Points.FirstOrDefault(p => !tried.Contains(Key(p)))
            ?? throw new InvalidOperationException($"The grid's {Points.Count} points have all been tried.");
        return new Replay(next);
    }

    private static List<IReadOnlyDictionary<string, object>> Enumerate(Action<ITrialSuggestions> sample)
    {
        // An odometer over the choices made in order: run Sample, then advance the last choice
        // that has more options, dropping the choices after it (they may differ on the new path).
        var points = new List<IReadOnlyDictionary<string, object>>();
        var path = new List<(int Index, int Count)>();
        while (true)
        {
            var explorer = new Explorer(path);
            sample(explorer);
            points.Add(explorer.Values);
            path = explorer.Path;
            while (path.Count > 0 && path[^1].Index + 1 >= path[^1].Count)
            {
                path.RemoveAt(path.Count - 1);
            }

            if (path.Count == 0)
            {
                return points;
            }

            path[^1] = (path[^1].Index + 1, path[^1].Count);
        }
    }

    private static string Key(IReadOnlyDictionary<string, object> values) =>
        string.Join("\n", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture)}"));

    private sealed class Explorer(List<(int Index, int Count)> prefix) : ITrialSuggestions
    {
        public List<(int Index, int Count)> Path { get; } = [.. prefix];

        public Dictionary<string, object> Values { get; } = [];

        private int _position;

        public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null)
        {
            if (step is not { } s || log)
            {
                throw new ArgumentException($"A grid search needs a finite space, but '{name}' is continuous; give it a step or make it a choice.", nameof(name));
            }

            return Record(name, Math.Round(low + (Choose((int)ParameterScale.StepCount(low, high, s)) * s), 12));
        }

        public long SuggestInt(string name, long low, long high, bool log = false, long step = 1) =>
            Record(name, low + (Choose((int)(((high - low) / step) + 1)) * step));

        public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices) => Record(name, choices[Choose(choices.Count)]);

        private int Choose(int count)
        {
            if (_position < Path.Count)
            {
                return Path[_position++].Index;
            }

            Path.Add((0, count));
            _position++;
            return 0;
        }

        private T Record<T>(string name, T value)
        {
            Values[name] = value!;
            return value;
        }
    }

    private sealed class Replay(IReadOnlyDictionary<string, object> point) : ITrialSuggestions
    {
        public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null) => (double)point[name];

        public long SuggestInt(string name, long low, long high, bool log = false, long step = 1) => (long)point[name];

        public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices) => (T)point[name];
    }
}
