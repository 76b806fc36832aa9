namespace HyperDsl.Runtime.Search.Nsga2;

/// <summary>
/// The parents of one NSGA-II generation: the best <c>population</c> trials started before it, by
/// non-dominated front and, in the front that straddles the cut, by crowding distance. It is
/// rebuilt from the history for each trial (nothing is kept between trials), so a resumed study
/// selects exactly the parents the first process would have.
/// <para>
/// Only complete trials with a finite value for every objective are ranked. A pruned or failed
/// trial (or one with a NaN value) counts as dominated by every complete one: all of them form one
/// last front, used only while too few trials completed, where each loses every tournament against a
/// complete trial. Running and waiting trials have no outcome and are left out.
/// </para>
/// </summary>
internal sealed class ParentPopulation
{
    private readonly List<Member> _members;

    private ParentPopulation(List<Member> members)
    {
        _members = members;
    }

    /// <summary>How many parents there are.</summary>
    public int Count => _members.Count;

    /// <summary>The parents in rank order, best first.</summary>
    public IEnumerable<TrialRecord> Trials => _members.Select(m => m.Trial);

    /// <summary>The parents for a trial of a generation that starts at trial number <paramref name="before"/>, or null when no earlier trial has ended.</summary>
    public static ParentPopulation? Select(IReadOnlyList<TrialRecord> history, long before, IReadOnlyList<StudyDirection> directions, int size)
    {
        var signs = directions.Select(d => d == StudyDirection.Minimize ? 1.0 : -1.0).ToArray();
        var ranked = new List<TrialRecord>();
        var values = new List<double[]>();
        var dominated = new List<TrialRecord>();
        foreach (var trial in history.Where(t => t.Number < before).OrderBy(t => t.Number))
        {
            if (trial.State == TrialState.Complete && Objectives(trial, signs) is { } objectives)
            {
                ranked.Add(trial);
                values.Add(objectives);
            }
            else if (trial.State is TrialState.Complete or TrialState.Pruned or TrialState.Failed)
            {
                dominated.Add(trial);
            }
        }

        var members = new List<Member>(size);
        var points = values.ToArray();
        var fronts = ParetoFronts.Sort(points);
        for (var rank = 0; rank < fronts.Count && members.Count < size; rank++)
        {
            var crowding = ParetoFronts.Crowding(fronts[rank], points);
            members.AddRange(fronts[rank].OrderByDescending(i => crowding[i]).ThenBy(i => ranked[i].Number)
                .Take(size - members.Count).Select(i => new Member(ranked[i], rank, crowding[i])));
        }

        members.AddRange(dominated.Take(size - members.Count).Select(t => new Member(t, fronts.Count, 0)));
        return members.Count == 0 ? null : new ParentPopulation(members);
    }

    /// <summary>A binary tournament: the better of two parents drawn at random, by front, then by crowding distance, else either.</summary>
    public TrialRecord Tournament(Random random)
    {
        var a = _members[random.Next(_members.Count)];
        var b = _members[random.Next(_members.Count)];
        var coin = random.Next(2) == 0;
        if (a.Rank != b.Rank)
        {
            return (a.Rank < b.Rank ? a : b).Trial;
        }

        if (a.Crowding != b.Crowding)
        {
            return (a.Crowding > b.Crowding ? a : b).Trial;
        }

        return (coin ? a : b).Trial;
    }

    // Every objective as "smaller is better", or null when the trial has not got them all finite.
    private static double[]? Objectives(TrialRecord trial, double[] signs)
    {
        IReadOnlyList<double>? values = trial.Values is { } all ? all : trial.Value is { } one ? [one] : null;
        if (values is null || values.Count != signs.Length || values.Any(v => !double.IsFinite(v)))
        {
            return null;
        }

        return [.. values.Select((v, k) => signs[k] * v)];
    }

    private sealed record Member(TrialRecord Trial, int Rank, double Crowding);
}
