using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HyperDsl.Cli.Report;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Cli.Serve;

/// <summary>
/// The study that <c>hyp serve</c> shows, read again from the store on each request. The store's
/// finished trials are cached by the store itself, so a read costs the new and running trials; the
/// report data (importance included) is built once per change of the trials, not once per poll.
/// Only the store's read methods are called: nothing here can change the study.
/// </summary>
internal sealed class LiveStudy(IStudyStore store, StudySpec spec, StudyVersion version, IReadOnlyList<Objective> objectives, int seed)
{
    private readonly Lock _gate = new();
    private LiveSnapshot? _last;

    /// <summary>Where the store is, for the page (never a password).</summary>
    public string StoreLocation => store.Location;

    /// <summary>The study's name.</summary>
    public string Name => version.StudyName;

    /// <summary>The study as the store holds it now.</summary>
    public LiveSnapshot Current()
    {
        lock (_gate)
        {
            var trials = store.Trials(version.StudyId);
            var token = Token(trials);
            if (_last is { } last && last.Version == token)
            {
                return last;
            }

            _last = new LiveSnapshot(token, trials, LastChange(trials), new Lazy<ReportData>(() => Data(trials)));
            return _last;
        }
    }

    private ReportData Data(IReadOnlyList<StoredTrial> trials)
    {
        var (rankings, note) = StudyImportance.Evaluate(trials, spec.Definition.SearchSpace, objectives, version.StudyName, seed);
        return new ReportData(version, trials, objectives, StudyImportance.Space(trials, spec.Definition.SearchSpace), rankings, note)
        {
            Pruner = spec.Definition.Plan.Pruner,
            Shapes = spec.Shapes,
        };
    }

    /// <summary>What changes whenever a view could: a trial starting, reporting an epoch, getting an attribute or ending.</summary>
    private static string Token(IReadOnlyList<StoredTrial> trials)
    {
        var text = new StringBuilder();
        foreach (var trial in trials)
        {
            text.Append(CultureInfo.InvariantCulture, $"{trial.Number}:{trial.State}:{trial.Intermediate.Count}:{trial.Parameters.Count}:{trial.UserAttributes.Count}:{trial.Completed?.Ticks};");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static DateTime? LastChange(IReadOnlyList<StoredTrial> trials) => trials
        .SelectMany(t => new[] { t.Started, t.Completed })
        .Where(t => t is not null)
        .DefaultIfEmpty()
        .Max();
}
