using System.Collections.ObjectModel;
using System.Data.Common;
using Dapper;
using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Studies.Storage.Relational;

/// <summary>Reads trials, with everything attached to them, from Optuna's tables.</summary>
internal sealed class TrialReader(SqlDialect dialect)
{
    // Which trials: those of the study above a trial id, and some others by id.
    private readonly string _chosen = Chosen(dialect);
    private readonly string _ofChosen = $"trial_id IN (SELECT trial_id FROM trials WHERE {Chosen(dialect)})";

    // A study's trials share a handful of distributions: parse each JSON text once.
    private readonly Dictionary<(string Name, string Json), ParameterSpace> _distributions = [];

    /// <summary>The study's trials with an id above <paramref name="afterId"/> or among <paramref name="ids"/>, by id.</summary>
    public List<StoredTrial> Load(DbConnection connection, DbTransaction transaction, long studyId, long afterId, IReadOnlyList<long> ids)
    {
        // An array, which both Dapper's list expansion (SQLite) and Npgsql's array parameters take.
        var args = new { studyId, afterId, ids = ids.ToArray() };
        var trials = new Dictionary<long, Builder>();
        foreach (var (id, number, state, start, complete) in connection.Query<(long, long?, string, object?, object?)>(
            $"SELECT trial_id, number, state, datetime_start, datetime_complete FROM trials WHERE {_chosen}", args, transaction))
        {
            trials[id] = new Builder(
                id,
                checked((int)(number ?? throw new FormatException($"Trial {id} has no number."))),
                OptunaEncoding.ParseState(state),
                start is null or DBNull ? null : dialect.ReadTime(start),
                complete is null or DBNull ? null : dialect.ReadTime(complete));
        }

        if (trials.Count == 0)
        {
            return [];
        }

        foreach (var (id, name, value, json) in connection.Query<(long, string, double, string)>(
            $"SELECT trial_id, param_name, param_value, distribution_json FROM trial_params WHERE {_ofChosen} ORDER BY param_id", args, transaction))
        {
            var space = Distribution(name, json);
            trials[id].Parameters[name] = OptunaDistributions.ToExternal(space, value);
            trials[id].Distributions[name] = space;
        }

        foreach (var (id, objective, value, type) in connection.Query<(long, long, double?, string)>(
            $"SELECT trial_id, objective, value, value_type FROM trial_values WHERE {_ofChosen} ORDER BY objective", args, transaction))
        {
            trials[id].Values.Add(((int)objective, OptunaEncoding.ParseValue(value, type)));
        }

        foreach (var (id, step, value, type) in connection.Query<(long, long, double?, string)>(
            $"SELECT trial_id, step, intermediate_value, intermediate_value_type FROM trial_intermediate_values WHERE {_ofChosen} ORDER BY step", args, transaction))
        {
            trials[id].Intermediate[checked((int)step)] = OptunaEncoding.ParseValue(value, type);
        }

        foreach (var (id, key, json) in connection.Query<(long, string, string)>(
            $"SELECT trial_id, \"key\", value_json FROM trial_user_attributes WHERE {_ofChosen} ORDER BY trial_user_attribute_id", args, transaction))
        {
            trials[id].UserAttributes[key] = json;
        }

        foreach (var (id, key, json) in connection.Query<(long, string, string)>(
            $"SELECT trial_id, \"key\", value_json FROM trial_system_attributes WHERE {_ofChosen} ORDER BY trial_system_attribute_id", args, transaction))
        {
            trials[id].SystemAttributes[key] = json;
        }

        return [.. trials.Values.Select(b => b.Build())];
    }

    private static string Chosen(SqlDialect dialect) => $"study_id = @studyId AND (trial_id > @afterId OR {dialect.InList("trial_id", "@ids")})";

    private ParameterSpace Distribution(string name, string json)
    {
        if (!_distributions.TryGetValue((name, json), out var space))
        {
            space = OptunaDistributions.FromJson(name, json);
            _distributions[(name, json)] = space;
        }

        return space;
    }

    private sealed class Builder(long id, int number, TrialState state, DateTime? started, DateTime? completed)
    {
        public Dictionary<string, object> Parameters { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, ParameterSpace> Distributions { get; } = new(StringComparer.Ordinal);

        public List<(int Objective, double Value)> Values { get; } = [];

        public Dictionary<int, double> Intermediate { get; } = [];

        public Dictionary<string, string> UserAttributes { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> SystemAttributes { get; } = new(StringComparer.Ordinal);

        public StoredTrial Build()
        {
            double[]? values = null;
            if (Values.Count > 0)
            {
                values = new double[Values.Max(v => v.Objective) + 1];
                Array.Fill(values, double.NaN);
                foreach (var (objective, value) in Values)
                {
                    values[objective] = value;
                }
            }

            return new StoredTrial(
                id, number, state, values is null ? null : Array.AsReadOnly(values), Frozen(Parameters), Frozen(Distributions), Frozen(Intermediate), started, completed, Frozen(UserAttributes), Frozen(SystemAttributes));
        }

        // Cached trials are handed to every caller: give them read-only views, not the dictionaries.
        private static IReadOnlyDictionary<TKey, TValue> Frozen<TKey, TValue>(Dictionary<TKey, TValue> dictionary)
            where TKey : notnull =>
            dictionary.Count == 0 ? ReadOnlyDictionary<TKey, TValue>.Empty : new ReadOnlyDictionary<TKey, TValue>(dictionary);
    }
}
